package io.drover.cli;

import io.drover.cli.DocumentSources.RawFile;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The documents of {@code apply}'s or {@code diff}'s {@code -f} paths and the stored copies of the
 * services they name, read with no more work than the answer needs. The files are read while the
 * store connects. When it is connected within {@link #STORE_MOMENT}, a file whose every document is
 * exactly what is stored, vouched for by the service's status ({@link StoredCopies#vouchFor}), is
 * not parsed beyond its names, checked or decoded: its documents are {@link Entry#asWritten}. Every
 * other file is checked, before anything is written or compared; all of them when the store is not
 * connected within the moment, so that an invalid file is reported without waiting out the
 * connection timeout of a ZooKeeper that is away. Either way the answer is the same; only the work
 * differs.
 */
final class DocumentBatch {

  /**
   * How long the store may take to connect before the documents are checked anyway: far more than
   * a reachable ZooKeeper needs (tens of milliseconds in a command's cold start), little to wait
   * before reporting an invalid document when it is away.
   */
  static final Duration STORE_MOMENT = Duration.ofMillis(500);

  /**
   * One document of the batch, in the order of the files: either stored as written (then not
   * checked) or checked.
   *
   * @param asWritten the document, when the store vouches for it as stored; else null
   * @param checked the checked document, when the store does not vouch for its file; else null
   */
  record Entry(SourceText asWritten, SourceDocument checked) {

    String name() {
      return asWritten != null ? asWritten.name() : checked.name();
    }
  }

  private final List<Entry> entries;
  private StoredCopies copies;

  private DocumentBatch(List<Entry> entries, StoredCopies copies) {
    this.entries = entries;
    this.copies = copies;
  }

  /** Reads the documents of {@code options}' paths, asking {@code session} (connecting) first. */
  static DocumentBatch read(DocumentOptions options, CliContext context, StoreSession session) {
    List<RawFile> files = options.files(context);
    List<List<SourceText>> texts = texts(files);
    if (texts != null && session.connectedWithin(STORE_MOMENT)) {
      try {
        StoredCopies copies = StoredCopies.read(session,
            texts.stream().flatMap(List::stream).map(SourceText::name).toList());
        return new DocumentBatch(entries(files, texts, copies), copies);
      } catch (StoreException e) {
        // Read again after the checks, which fails alike: an invalid document is reported first.
      }
    }
    return new DocumentBatch(DocumentOptions.check(files).stream().map(d -> new Entry(null, d)).toList(), null);
  }

  /**
   * Each file's documents as texts, or null when some file's cannot be told without parsing it
   * ({@link DocumentSources#texts}), when there are none, or when a service is named twice (which
   * only the checks report).
   */
  private static List<List<SourceText>> texts(List<RawFile> files) {
    List<List<SourceText>> texts = new ArrayList<>(files.size());
    Set<String> names = new HashSet<>();
    for (RawFile file : files) {
      Optional<List<SourceText>> ofFile = DocumentSources.texts(file);
      if (ofFile.isEmpty() || !ofFile.get().stream().allMatch(t -> names.add(t.name()))) {
        return null;
      }
      texts.add(ofFile.get());
    }
    return names.isEmpty() ? null : texts;
  }

  /** The entries of every file: as written when the store vouches for all of its, else checked. */
  private static List<Entry> entries(List<RawFile> files, List<List<SourceText>> texts,
      StoredCopies copies) {
    return IntStream.range(0, files.size()).parallel().mapToObj(i -> {
      List<SourceText> ofFile = texts.get(i);
      if (ofFile.stream().allMatch(copies::vouchFor)) {
        return ofFile.stream().map(t -> new Entry(t, null)).toList();
      }
      return DocumentSources.parse(files.get(i)).stream().map(d -> new Entry(null, d)).toList();
    }).flatMap(List::stream).toList();
  }

  /** Every document, in the order of the files. */
  List<Entry> entries() {
    return entries;
  }

  /** The documents that were checked, in order: the ones whose problems are reported. */
  List<SourceDocument> checked() {
    return entries.stream().map(Entry::checked).filter(Objects::nonNull).toList();
  }

  /**
   * The stored documents of the checked documents' services, by name, decoded as {@link
   * StoredCopies#documents} decodes them: what the checked documents are compared with.
   */
  Map<String, DesiredDocument> storedOfChecked(StoreSession session) throws StoreException {
    return copies(session).documents(checked().stream().map(SourceDocument::name).toList());
  }

  /**
   * The stored copies of the batch's services, read now (once connected) unless they were read
   * before the checks.
   */
  StoredCopies copies(StoreSession session) throws StoreException {
    if (copies == null) {
      session.awaitConnected();
      copies = StoredCopies.read(session, entries.stream().map(Entry::name).toList());
    }
    return copies;
  }
}

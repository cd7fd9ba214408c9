package io.drover.cli;

import io.drover.cli.DocumentSources.RawFile;
import io.drover.controller.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The documents of {@code apply}'s or {@code diff}'s {@code -f} paths and the stored copies of the
 * services they name, read with no more work than the answer needs. The files are read while the
 * store connects. When it is connected within {@link #STORE_MOMENT} and vouches for every document
 * as stored ({@link StoredCopies#vouchForAll}), nothing is checked or decoded: the batch is
 * {@link #storedAsWritten}. Otherwise every document is checked, as before anything else, so that an
 * invalid batch is reported without waiting out the connection timeout of a ZooKeeper that is
 * away. Either way the answer is the same; only the work differs.
 */
final class DocumentBatch {

  /**
   * How long the store may take to connect before the documents are checked anyway: far more than
   * a reachable ZooKeeper needs (tens of milliseconds in a command's cold start), little to wait
   * before reporting an invalid document when it is away.
   */
  static final Duration STORE_MOMENT = Duration.ofMillis(500);

  /** The documents when the store vouches for all of them, else null. */
  private final List<SourceText> asWritten;
  /** The checked documents when the store does not vouch for all of them, else null. */
  private final List<SourceDocument> checked;
  private StoredCopies copies;

  private DocumentBatch(List<SourceText> asWritten, List<SourceDocument> checked,
      StoredCopies copies) {
    this.asWritten = asWritten;
    this.checked = checked;
    this.copies = copies;
  }

  /** Reads the documents of {@code options}' paths, asking {@code session} (connecting) first. */
  static DocumentBatch read(DocumentOptions options, CliContext context, StoreSession session) {
    List<RawFile> files = options.files(context);
    Optional<List<SourceText>> texts = DocumentSources.texts(files);
    StoredCopies copies = null;
    if (texts.isPresent() && !texts.get().isEmpty() && session.connectedWithin(STORE_MOMENT)) {
      try {
        copies = StoredCopies.read(session, texts.get().stream().map(SourceText::name).toList());
      } catch (StoreException e) {
        // Read again after the checks, which fails alike: an invalid document is reported first.
      }
      if (copies != null && copies.vouchForAll(texts.get())) {
        return new DocumentBatch(texts.get(), null, copies);
      }
    }
    return new DocumentBatch(null, DocumentOptions.check(files), copies);
  }

  /** Whether every document is exactly a stored one its status vouches for: nothing was checked. */
  boolean storedAsWritten() {
    return asWritten != null;
  }

  /** The documents, when {@link #storedAsWritten}. */
  List<SourceText> asWritten() {
    return asWritten;
  }

  /** The checked documents, when not {@link #storedAsWritten}. */
  List<SourceDocument> checked() {
    return checked;
  }

  /**
   * The stored copies of the batch's services, read now (once connected) unless they were read
   * before the checks.
   */
  StoredCopies copies(StoreSession session) throws StoreException {
    if (copies == null) {
      session.awaitConnected();
      copies = StoredCopies.read(session, checked.stream().map(SourceDocument::name).toList());
    }
    return copies;
  }
}

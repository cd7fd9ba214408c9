package io.drover.cli;

import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads Service documents from paths given on the command line: files, directories (their
 * {@code .yaml}, {@code .yml} and {@code .json} files, optionally recursively, skipping hidden files
 * and directories such as {@code .git}) and {@code -} for standard input. What {@code get -o
 * yaml|json} prints reads back: the server's fields are dropped ({@link ServerFields}). Never
 * throws for bad input: an unreadable path becomes an invalid {@link SourceDocument}, so callers
 * validate everything in one place.
 */
final class DocumentSources {

  /** Far above the per-document limit; only guards memory against a wrong path. */
  private static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private static final String STDIN = "-";
  private static final String STDIN_LABEL = "<stdin>";

  private final CliContext context;

  DocumentSources(CliContext context) {
    this.context = context;
  }

  /**
   * The documents of every path, in the order given (directories in sorted order); subdirectories
   * are read only when {@code recursive}. Files are read and parsed on every core (parsing and
   * validating is most of the time of a large directory); each file's documents, or its problems,
   * stay its own and in its place.
   */
  List<SourceDocument> read(List<String> paths, boolean recursive) {
    return parse(files(paths, recursive));
  }

  /** The documents of files read by {@link #files}, in order, parsed on every core. */
  static List<SourceDocument> parse(List<RawFile> files) {
    return files.parallelStream().map(DocumentSources::parse).flatMap(List::stream).toList();
  }

  /**
   * One file read but not parsed yet: its bytes, or (when it could not be read) the document that
   * says why.
   */
  record RawFile(String label, byte[] bytes, SourceDocument unreadable) {

    static RawFile unreadable(String label, String message) {
      return new RawFile(label, null, SourceDocument.unreadable(label, message));
    }
  }

  /**
   * Every file the paths name, as {@link #read} takes them, read (on every core) but not parsed; a
   * path that cannot be read is a file holding the document that says why.
   */
  List<RawFile> files(List<String> paths, boolean recursive) {
    List<Supplier<RawFile>> files = new ArrayList<>();
    for (String arg : paths) {
      if (arg.equals(STDIN)) {
        RawFile fromStdin = readBytes(STDIN_LABEL, context.in());
        files.add(() -> fromStdin);
        continue;
      }
      Path path = context.resolve(arg);
      if (Files.isDirectory(path)) {
        try {
          for (Path file : filesUnder(path, recursive)) {
            String label = displayName(arg, path, file);
            files.add(() -> readFile(file, label));
          }
        } catch (IOException | RuntimeException e) {
          RawFile error = RawFile.unreadable(arg, "cannot read the directory: " + e.getMessage());
          files.add(() -> error);
        }
      } else if (Files.exists(path)) {
        files.add(() -> readFile(path, arg));
      } else {
        RawFile missing = RawFile.unreadable(arg, "no such file or directory");
        files.add(() -> missing);
      }
    }
    return files.parallelStream().map(Supplier::get).toList();
  }

  /** The documents of a file read by {@link #files}, or why it has none. */
  static List<SourceDocument> parse(RawFile file) {
    if (file.bytes() == null) {
      return List.of(file.unreadable());
    }
    String text = utf8(file.bytes());
    if (text == null) {
      return List.of(
          SourceDocument.unreadable(file.label(), "not UTF-8 text: save the file as UTF-8"));
    }
    return split(file.label(), text);
  }

  /**
   * The documents of {@code file} as texts with the service names they give, unchecked, in the
   * order and with the labels {@link #parse} gives them; empty when that cannot be told without
   * parsing it in full: a file that could not be read, is not UTF-8 or holds no document, a
   * document that names no service, documents that the splitter and the parser count differently,
   * or a document that may hold server fields (which {@link ServerFields} would rewrite).
   */
  static Optional<List<SourceText>> texts(RawFile file) {
    String text = file.bytes() == null ? null : utf8(file.bytes());
    if (text == null) {
      return Optional.empty();
    }
    List<String> chunks = DocumentSplitter.split(text);
    List<String> names = Services.names(file.bytes());
    if (chunks.isEmpty() || chunks.size() != names.size() || names.contains(null)
        || chunks.stream().anyMatch(ServerFields::mayHold)) {
      return Optional.empty();
    }
    List<SourceText> texts = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      texts.add(new SourceText(label(file.label(), i, chunks.size()), chunks.get(i), names.get(i)));
    }
    return Optional.of(texts);
  }

  /** {@code bytes} as UTF-8 text, or null when they are not. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Whether a file name has one of the extensions read in directories. */
  static boolean isDocumentFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static List<Path> filesUnder(Path dir, boolean recursive) throws IOException {
    try (Stream<Path> walk = Files.walk(dir, recursive ? Integer.MAX_VALUE : 1)) {
      return walk.filter(p -> !isHidden(dir.relativize(p)))
          .filter(Files::isRegularFile)
          .filter(DocumentSources::isDocumentFile)
          .sorted()
          .toList();
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static String displayName(String arg, Path dir, Path file) {
    String rel = dir.relativize(file).toString();
    return arg.endsWith("/") ? arg + rel : arg + "/" + rel;
  }

  private static RawFile readFile(Path file, String label) {
    try {
      return readSized(file, label);
    } catch (IOException e) {
      return RawFile.unreadable(label, "cannot read: " + e.getMessage());
    }
  }

  /**
   * A file read into an array of its size: a stream read of unknown length takes an 8 KiB buffer
   * and a copy per file, a third of what a no-op sync of 10,000 small files allocated
   * (docs/performance.md, sync-throughput). A file that changes size meanwhile is read whole all
   * the same, with the same limit.
   */
  private static RawFile readSized(Path file, String label) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long size = channel.size();
      if (size > MAX_FILE_BYTES) {
        return readBytes(label, Channels.newInputStream(channel));
      }
      ByteBuffer buffer = ByteBuffer.wrap(new byte[(int) size]);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // a read may return fewer bytes than asked for
      }
      if (buffer.hasRemaining()) {
        return new RawFile(label, Arrays.copyOf(buffer.array(), buffer.position()), null);
      }
      ByteBuffer next = ByteBuffer.allocate(1);
      if (channel.read(next) < 0) {
        return new RawFile(label, buffer.array(), null);
      }
      InputStream grown = new SequenceInputStream(new ByteArrayInputStream(buffer.array()),
          new SequenceInputStream(new ByteArrayInputStream(next.array()), Channels.newInputStream(channel)));
      return readBytes(label, grown);
    }
  }

  private static RawFile readBytes(String label, InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      return RawFile.unreadable(label, "cannot read: " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return RawFile.unreadable(label,
          "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB: is this the right file?");
    }
    return new RawFile(label, bytes, null);
  }

  /**
   * Pairs each document the loader found with its own text. The loader decides what the documents
   * are; the splitter only cuts the text the same way, which is checked by their counts.
   */
  private static List<SourceDocument> split(String label, String text) {
    List<LoadedDocument> loaded = Services.load(label, text.getBytes(StandardCharsets.UTF_8));
    List<String> chunks = DocumentSplitter.split(text);
    if (chunks.size() != loaded.size()) {
      if (loaded.stream().anyMatch(d -> !d.valid())) {
        // A syntax error or an empty source: its problems say more than the count does.
        return loaded.stream()
            .map(d -> new SourceDocument(label(label, d.index(), loaded.size()), "", d))
            .toList();
      }
      return List.of(SourceDocument.unreadable(label,
          "cannot tell its documents apart: put a line holding only --- between documents"));
    }
    List<SourceDocument> docs = new ArrayList<>(loaded.size());
    for (int i = 0; i < loaded.size(); i++) {
      docs.addAll(ServerFields.clean(new SourceDocument(label(label, i, loaded.size()),
          chunks.get(i), loaded.get(i))));
    }
    return docs;
  }

  /** Document {@code index} of {@code count} in {@code source}, for messages. */
  private static String label(String source, int index, int count) {
    return count < 2 ? source : source + " (document " + (index + 1) + ")";
  }
}

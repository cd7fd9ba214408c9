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
    List<Supplier<List<SourceDocument>>> parts = new ArrayList<>();
    for (String arg : paths) {
      if (arg.equals(STDIN)) {
        List<SourceDocument> fromStdin = readStream(STDIN_LABEL, context.in());
        parts.add(() -> fromStdin);
        continue;
      }
      Path path = context.resolve(arg);
      if (Files.isDirectory(path)) {
        try {
          for (Path file : filesUnder(path, recursive)) {
            String label = displayName(arg, path, file);
            parts.add(() -> readFile(file, label));
          }
        } catch (IOException | RuntimeException e) {
          SourceDocument error =
              SourceDocument.unreadable(arg, "cannot read the directory: " + e.getMessage());
          parts.add(() -> List.of(error));
        }
      } else if (Files.exists(path)) {
        parts.add(() -> readFile(path, arg));
      } else {
        SourceDocument missing = SourceDocument.unreadable(arg, "no such file or directory");
        parts.add(() -> List.of(missing));
      }
    }
    return parts.parallelStream().map(Supplier::get).flatMap(List::stream).toList();
  }

  /**
   * One file read but not parsed yet: its bytes, or (when it could not be read) the document that
   * says why.
   */
  record RawFile(String label, byte[] bytes, SourceDocument unreadable) {}

  /**
   * The files of directory {@code arg} and of its subdirectories, in sorted order, read (on every
   * core) but not parsed: {@link #parse} gives what {@link #read} would have given for each.
   */
  List<RawFile> readDirectory(String arg) {
    Path path = context.resolve(arg);
    List<Path> files;
    try {
      files = filesUnder(path, true);
    } catch (IOException | RuntimeException e) {
      return List.of(new RawFile(arg, null,
          SourceDocument.unreadable(arg, "cannot read the directory: " + e.getMessage())));
    }
    return files.parallelStream().map(file -> {
      String label = displayName(arg, path, file);
      try {
        return readSized(file, label);
      } catch (IOException e) {
        return new RawFile(label, null,
            SourceDocument.unreadable(label, "cannot read: " + e.getMessage()));
      }
    }).toList();
  }

  /** The documents of a file read by {@link #readDirectory}, or why it has none. */
  static List<SourceDocument> parse(RawFile file) {
    if (file.bytes() == null) {
      return List.of(file.unreadable());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file.bytes())).toString();
    } catch (CharacterCodingException e) {
      return List.of(
          SourceDocument.unreadable(file.label(), "not UTF-8 text: save the file as UTF-8"));
    }
    return split(file.label(), text);
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

  private List<SourceDocument> readFile(Path file, String label) {
    try (InputStream in = Files.newInputStream(file)) {
      return readStream(label, in);
    } catch (IOException e) {
      return List.of(SourceDocument.unreadable(label, "cannot read: " + e.getMessage()));
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

  private List<SourceDocument> readStream(String label, InputStream in) {
    return parse(readBytes(label, in));
  }

  private static RawFile readBytes(String label, InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      return new RawFile(label, null,
          SourceDocument.unreadable(label, "cannot read: " + e.getMessage()));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return new RawFile(label, null, SourceDocument.unreadable(label,
          "larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MiB: is this the right file?"));
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
        return loaded.stream().map(d -> new SourceDocument(label(label, d, loaded), "", d))
            .toList();
      }
      return List.of(SourceDocument.unreadable(label,
          "cannot tell its documents apart: put a line holding only --- between documents"));
    }
    List<SourceDocument> docs = new ArrayList<>(loaded.size());
    for (int i = 0; i < loaded.size(); i++) {
      docs.addAll(ServerFields.clean(new SourceDocument(label(label, loaded.get(i), loaded),
          chunks.get(i), loaded.get(i))));
    }
    return docs;
  }

  private static String label(String source, LoadedDocument doc, List<LoadedDocument> all) {
    return all.size() < 2 ? source : source + " (document " + (doc.index() + 1) + ")";
  }
}

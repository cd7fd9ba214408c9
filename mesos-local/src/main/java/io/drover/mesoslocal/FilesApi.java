package io.drover.mesoslocal;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An agent's files API ({@code /files/browse}, {@code /files/read}, {@code /files/download}) with a
 * real agent's answers: only the executors' run directories are served, by their absolute path or
 * as {@code /frameworks/<framework>/executors/<executor>/runs/latest}; a missing or unattached path
 * is 404, a path that leaves its run directory and bad parameters are 400 with the agent's message. {@code read} returns at most 16 pages
 * (64 KiB) per call, {@code {"data":"...","offset":N}}, and with offset -1 (or none) the file's size
 * as the offset and no data.
 */
final class FilesApi {

  /** A real agent's largest read: 16 pages of 4 KiB. */
  static final int MAX_READ = 16 * 4096;

  /** An executor run directory the agent serves. */
  record Attached(String frameworkId, String executorId, Path dir) {}

  /** An answer: status, content type (null for text) and body. */
  record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {
    static Answer text(int status, String text) {
      return new Answer(status, null, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Answer json(byte[] json) {
      return new Answer(200, "application/json", json, Map.of());
    }
  }

  private final List<Attached> attached;

  FilesApi(List<Attached> attached) {
    this.attached = attached;
  }

  Answer browse(String rawQuery) throws IOException {
    Map<String, List<String>> query = query(rawQuery);
    String path = first(query, "path");
    if (path == null) {
      return Answer.text(400, "Expecting 'path=value' in query.\n");
    }
    Located located = locate(path, "");
    if (located.refusal() != null) {
      return located.refusal();
    }
    Path file = located.file();
    List<Object> entries = new ArrayList<>();
    if (Files.isDirectory(file)) {
      String prefix = path.endsWith("/") ? path : path + "/";
      try (Stream<Path> list = Files.list(file)) {
        for (Path child : list.sorted().toList()) {
          entries.add(entry(child, prefix + child.getFileName()));
        }
      }
    }
    return Answer.json(JsonWriter.write(entries).getBytes(StandardCharsets.UTF_8));
  }

  Answer read(String rawQuery) throws IOException {
    Map<String, List<String>> query = query(rawQuery);
    String path = first(query, "path");
    if (path == null) {
      return Answer.text(400, "Expecting 'path=value' in query.\n");
    }
    long offset;
    long length;
    try {
      offset = number(query, "offset");
      length = number(query, "length");
    } catch (IllegalArgumentException e) {
      return Answer.text(400, e.getMessage() + "\n");
    }
    if (offset < -1) {
      return Answer.text(400, "Negative offset provided: " + offset + ".\n");
    }
    if (length < -1) {
      return Answer.text(400, "Negative length provided: " + length + ".\n");
    }
    Located located = locate(path, "");
    if (located.refusal() != null) {
      return located.refusal();
    }
    Path file = located.file();
    if (Files.isDirectory(file)) {
      return Answer.text(400, "Cannot read a directory.\n");
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (offset == -1) {
        return Answer.json(data(new byte[0], size));
      }
      int wanted = (int) Math.min(length == -1 ? MAX_READ : Math.min(length, MAX_READ), Math.max(0, size - offset));
      ByteBuffer buffer = ByteBuffer.allocate(wanted);
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // Reads until the wanted bytes are in or the file ends.
      }
      byte[] bytes = new byte[buffer.position()];
      buffer.flip().get(bytes);
      return Answer.json(data(bytes, offset));
    } catch (NoSuchFileException e) {
      return Answer.text(404, "");
    }
  }

  Answer download(String rawQuery) throws IOException {
    String path = first(query(rawQuery), "path");
    if (path == null) {
      return Answer.text(400, "Expecting 'path=value' in query.\n");
    }
    Located located = locate(path, "404 Not Found.");
    if (located.refusal() != null) {
      return located.refusal();
    }
    Path file = located.file();
    if (Files.isDirectory(file)) {
      return Answer.text(400, "Cannot download a directory.\n");
    }
    return new Answer(200, "application/octet-stream", Files.readAllBytes(file),
        Map.of("Content-Disposition", "attachment; filename=" + file.getFileName()));
  }

  /** An existing file a request names, or the agent's answer that refuses the request. */
  private record Located(Path file, Answer refusal) {}

  /** The existing file {@code path} names; 400 when it leaves its run directory, 404 (with {@code missingBody}) when absent. */
  private Located locate(String path, String missingBody) {
    Optional<Path> file;
    try {
      file = resolve(path);
    } catch (Inaccessible e) {
      return new Located(null, Answer.text(400, e.getMessage() + "\n"));
    }
    if (file.isEmpty() || !Files.exists(file.get())) {
      return new Located(null, Answer.text(404, missingBody));
    }
    return new Located(file.get(), null);
  }

  /**
   * The file a requested path names, if it starts with an attached run directory (by its path or as
   * {@code .../runs/latest}); empty when none.
   *
   * @throws Inaccessible when the path leaves that directory ({@code ..})
   */
  Optional<Path> resolve(String requested) throws Inaccessible {
    String[] parts = requested.split("/");
    // "", "frameworks", F, "executors", E, "runs", "latest", rest...
    if (parts.length >= 7 && parts[0].isEmpty() && parts[1].equals("frameworks") && parts[3].equals("executors")
        && parts[5].equals("runs") && parts[6].equals("latest")) {
      Path latest = null;
      for (Attached a : attached) {
        if (a.frameworkId().equals(parts[2]) && a.executorId().equals(parts[4])) {
          latest = a.dir();
        }
      }
      if (latest == null) {
        return Optional.empty();
      }
      Path file = latest;
      for (int i = 7; i < parts.length; i++) {
        if (!parts[i].isEmpty()) {
          file = file.resolve(parts[i]);
        }
      }
      return Optional.of(inside(latest, file.normalize(), requested));
    }
    for (Attached a : attached) {
      String dir = a.dir().toString();
      if (requested.equals(dir) || requested.startsWith(dir + "/")) {
        return Optional.of(inside(a.dir(), Path.of(requested).normalize(), requested));
      }
    }
    return Optional.empty();
  }

  private static Path inside(Path dir, Path file, String requested) throws Inaccessible {
    if (!file.startsWith(dir)) {
      throw new Inaccessible(requested);
    }
    return file;
  }

  /** A path that starts in a run directory but leaves it: the agent answers 400. */
  static final class Inaccessible extends Exception {
    Inaccessible(String requested) {
      super("'" + requested + "' is inaccessible.");
    }
  }

  private static Map<String, Object> entry(Path file, String shownPath) throws IOException {
    PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gid", attributes.group().getName());
    String type = attributes.isDirectory() ? "d" : attributes.isSymbolicLink() ? "l" : "-";
    out.put("mode", type + PosixFilePermissions.toString(attributes.permissions()));
    // Whole seconds, as stat's st_mtime.
    out.put("mtime", (double) attributes.lastModifiedTime().to(TimeUnit.SECONDS));
    out.put("nlink", Files.getAttribute(file, "unix:nlink"));
    out.put("path", shownPath);
    out.put("size", attributes.size());
    out.put("uid", attributes.owner().getName());
    return out;
  }

  /** {@code {"data":"...","offset":N}} with the bytes as a JSON string, as the agent writes them (bytes as they are). */
  static byte[] data(byte[] bytes, long offset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 32);
    out.writeBytes("{\"data\":\"".getBytes(StandardCharsets.US_ASCII));
    for (byte b : bytes) {
      switch (b) {
        case '"' -> out.writeBytes("\\\"".getBytes(StandardCharsets.US_ASCII));
        case '\\' -> out.writeBytes("\\\\".getBytes(StandardCharsets.US_ASCII));
        case '\n' -> out.writeBytes("\\n".getBytes(StandardCharsets.US_ASCII));
        case '\r' -> out.writeBytes("\\r".getBytes(StandardCharsets.US_ASCII));
        case '\t' -> out.writeBytes("\\t".getBytes(StandardCharsets.US_ASCII));
        default -> {
          if (b >= 0 && b < 0x20) {
            out.writeBytes(String.format("\\u%04x", (int) b).getBytes(StandardCharsets.US_ASCII));
          } else {
            out.write(b);
          }
        }
      }
    }
    out.writeBytes(("\",\"offset\":" + offset + "}").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static Map<String, List<String>> query(String rawQuery) {
    return rawQuery == null ? Map.of() : new QueryStringDecoder(rawQuery, false).parameters();
  }

  /** A parameter's first value; null when absent or empty, as the agent treats both. */
  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  /** An integer parameter, -1 when absent; a value that is not an integer fails with the agent's message. */
  private static long number(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return -1;
    }
    String value = values.get(0);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Failed to parse " + name + ": Failed to convert '" + value + "' to number.");
    }
  }
}

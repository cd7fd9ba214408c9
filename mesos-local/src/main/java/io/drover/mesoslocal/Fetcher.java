package io.drover.mesoslocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * Fetches a task's {@code CommandInfo.uris} into its sandbox before the command starts, as the
 * Mesos fetcher does: http and https downloads (the JDK client, redirects followed), {@code file://}
 * URIs and absolute paths copied; the file named {@code output_file} or the last segment of the
 * URI's path; {@code executable} makes it executable (mode 755) and is never extracted; otherwise,
 * with {@code extract}, {@code .tar}, {@code .tgz}, {@code .tar.gz}, {@code .tbz2}, {@code
 * .tar.bz2}, {@code .txz}, {@code .tar.xz} and {@code .zip} are unpacked into the sandbox and a bare
 * {@code .gz} is decompressed next to it; the archive stays. What it does is written to the
 * sandbox's {@code stderr}. The agent's fetcher cache ({@code cache}) is not simulated: every fetch
 * downloads.
 */
final class Fetcher {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final List<String> ARCHIVES =
      List.of(".tar", ".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();

  /** A fetch that failed, with a message naming the URI. */
  static final class FetchException extends IOException {
    FetchException(String message) {
      super(message);
    }
  }

  private Fetcher() {}

  /** Fetches every URI of {@code command} into {@code sandbox}, in order; stops at the first failure. */
  static void fetch(CommandInfo command, Path sandbox) throws FetchException {
    if (command.getUrisCount() == 0) {
      return;
    }
    PrintStream log = stderr(sandbox);
    try {
      for (CommandInfo.URI uri : command.getUrisList()) {
        log.println("Fetching URI '" + uri.getValue() + "'");
        try {
          fetchOne(uri, sandbox, log);
        } catch (IOException | RuntimeException e) {
          log.println("Failed to fetch '" + uri.getValue() + "': " + e.getMessage());
          throw new FetchException("Failed to fetch '" + uri.getValue() + "': " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FetchException("Interrupted while fetching '" + uri.getValue() + "'");
        }
      }
    } finally {
      log.close();
    }
  }

  private static PrintStream stderr(Path sandbox) throws FetchException {
    try {
      OutputStream out = Files.newOutputStream(sandbox.resolve("stderr"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new PrintStream(out, true, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FetchException("Failed to open the sandbox's stderr for the fetcher: " + e.getMessage());
    }
  }

  private static void fetchOne(CommandInfo.URI uri, Path sandbox, PrintStream log)
      throws IOException, InterruptedException {
    URI parsed = URI.create(uri.getValue().startsWith("/") ? "file://" + uri.getValue() : uri.getValue());
    String name = uri.hasOutputFile() && !uri.getOutputFile().isEmpty() ? uri.getOutputFile() : basename(parsed);
    Path target = sandbox.resolve(name).normalize();
    if (!target.startsWith(sandbox)) {
      throw new IOException("the output file '" + name + "' is outside the sandbox");
    }
    Files.createDirectories(target.getParent());
    download(parsed, target);
    log.println("Fetched '" + uri.getValue() + "' to '" + target + "'");
    if (uri.getExecutable()) {
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    } else if (uri.getExtract()) {
      extract(target, sandbox, log);
    }
  }

  private static void download(URI uri, Path target) throws IOException, InterruptedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file" -> {
        Path source = Path.of(uri.getPath());
        if (!Files.isRegularFile(source)) {
          throw new IOException("no such file: " + source);
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
      case "http", "https" -> {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<Path> response = HTTP.send(request, HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
          Files.deleteIfExists(target);
          throw new IOException("HTTP response code " + response.statusCode());
        }
      }
      default -> throw new IOException("mesos-local fetches only http, https and file URIs");
    }
  }

  private static String basename(URI uri) throws IOException {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.equals("..") || name.equals(".")) {
      throw new IOException("the URI's path names no file; give output_file");
    }
    return name;
  }

  private static void extract(Path file, Path sandbox, PrintStream log) throws IOException, InterruptedException {
    String name = file.getFileName().toString();
    if (ARCHIVES.stream().anyMatch(name::endsWith)) {
      untar(file, sandbox);
    } else if (name.endsWith(".zip")) {
      unzip(file, sandbox);
    } else if (name.endsWith(".gz")) {
      Path out = file.resolveSibling(name.substring(0, name.length() - 3));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
      }
    } else {
      return;
    }
    log.println("Extracted '" + file + "' into '" + sandbox + "'");
  }

  /** GNU tar detects the compression itself. */
  private static void untar(Path file, Path sandbox) throws IOException, InterruptedException {
    Process tar = new ProcessBuilder("tar", "-C", sandbox.toString(), "-xf", file.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!tar.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      tar.destroyForcibly();
      throw new IOException("extracting took longer than " + TIMEOUT.toSeconds() + "s");
    }
    if (tar.exitValue() != 0) {
      throw new IOException("cannot extract: " + output);
    }
  }

  private static void unzip(Path file, Path sandbox) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path out = sandbox.resolve(e.getName()).normalize();
        if (!out.startsWith(sandbox)) {
          throw new IOException("cannot extract: entry '" + e.getName() + "' is outside the sandbox");
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}

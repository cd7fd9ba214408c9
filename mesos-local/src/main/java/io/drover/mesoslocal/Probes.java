package io.drover.mesoslocal;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * The three probes of Mesos's checker library (src/checks/checker_process.cpp), run next to a
 * task: a command in the sandbox with the task's environment plus the command's own, an HTTP GET
 * to 127.0.0.1 (curl {@code -L}: redirects followed), a TCP connect to 127.0.0.1. Each answers its
 * result, or empty when the probe itself failed (timed out, could not start): Mesos treats those as
 * errors, not as results. A null timeout waits forever, as a {@code timeout_seconds} of 0 does.
 * Instances are used by one checker thread at a time.
 */
final class Probes {

  private final Path sandbox;
  private final Map<String, String> env;
  private HttpClient http;

  Probes(Path sandbox, Map<String, String> env) {
    this.sandbox = sandbox;
    this.env = env;
  }

  /** Mesos's {@code timeout_seconds}: 0 (or less) means no timeout. */
  static Duration timeout(double seconds) {
    return seconds > 0 ? Duration.ofNanos((long) (seconds * 1e9)) : null;
  }

  /** The command's exit code; empty when it could not run or timed out (its tree is then killed). */
  OptionalInt command(CommandInfo command, Duration timeout) throws InterruptedException {
    // As Mesos's checker does, both of the command's streams go to the executor's stderr: the sandbox's.
    File stderr = new File(sandbox.toFile(), "stderr");
    ProcessBuilder pb = new ProcessBuilder(Sandbox.argv(command))
        .directory(sandbox.toFile())
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stderr))
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr));
    pb.environment().putAll(env);
    command.getEnvironment().getVariablesList().forEach(v -> pb.environment().put(v.getName(), v.getValue()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    boolean exited;
    try {
      exited = timeout == null ? waitFor(p) : p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      ProcessTree.kill(p.toHandle());
      throw e;
    }
    if (!exited) {
      ProcessTree.kill(p.toHandle());
      return OptionalInt.empty();
    }
    return OptionalInt.of(p.exitValue());
  }

  /** The HTTP status code of {@code scheme://127.0.0.1:port/path}; empty when no response came. */
  OptionalInt http(String scheme, int port, String path, Duration timeout) throws InterruptedException {
    if (http == null) {
      HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NORMAL);
      if (timeout != null) {
        b.connectTimeout(timeout);
      }
      http = b.build();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path)).GET();
    if (timeout != null) {
      request.timeout(timeout);
    }
    try {
      return OptionalInt.of(http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException | IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }

  /** Whether a TCP connection to 127.0.0.1:port succeeds; empty when the attempt timed out. */
  static Optional<Boolean> tcp(int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeout == null ? 0 : (int) Math.max(1, timeout.toMillis()));
      return Optional.of(true);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(false); // refused or unreachable: a result, not an error
    }
  }

  private static boolean waitFor(Process p) throws InterruptedException {
    p.waitFor();
    return true;
  }
}

package io.drover.mesoslocal.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mesos-master or mesos-agent process, its output appended to a log file. Started with port 0 it
 * reports the port it bound in its log, which {@link #start} waits for.
 */
final class Daemon {

  private static final Duration START_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final Process process;
  private final int port;

  private Daemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code argv} and waits until its log (from what this start appended) has a line matching
   * {@code started}, whose group 1 is the bound port.
   */
  static Daemon start(List<String> argv, Path log, Pattern started) throws IOException {
    long offset = Files.exists(log) ? Files.size(log) : 0;
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Mesos reads MESOS_* variables as flags; MESOS_HOME is not one.
    builder.environment().keySet().removeIf(k -> k.startsWith("MESOS_"));
    Process process = builder.start();
    Instant deadline = Instant.now().plus(START_WAIT);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = started.matcher(tail(log, offset));
      if (m.find()) {
        return new Daemon(process, Integer.parseInt(m.group(1)));
      }
      if (!process.isAlive()) {
        throw new IOException(argv.get(0) + " exited with " + process.exitValue() + " at start; its log " + log
            + " ends with:\n" + lastLines(log, 20));
      }
      pause();
    }
    process.destroyForcibly();
    throw new IOException(argv.get(0) + " did not start within " + START_WAIT + "; see " + log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, and waits for the process to exit (SIGKILL if it does not within 30 s). */
  void stop() {
    process.destroy();
    await();
  }

  /** SIGKILL, and waits for the process to exit. */
  void kill() {
    process.destroyForcibly();
    await();
  }

  private void await() {
    try {
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static String lastLines(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static String tail(Path log, long offset) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
  }

  /** Polling a log file or an endpoint: 50 ms between looks. */
  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Mesos", e);
    }
  }
}

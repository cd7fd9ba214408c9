package io.drover.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A controller replica in its own JVM, {@code drover controller} started from this JVM's class
 * path, so that it can be killed for real (SIGKILL: its ZooKeeper session and its Mesos stream are
 * left to time out or break, as when a machine dies) or stopped with SIGTERM (its shutdown hook
 * hands leadership over). It runs with production settings but for its session timeout. Its output
 * goes to a log file in the cluster's work directory. Started by {@link
 * LocalCluster#startReplicaProcess}; a shutdown hook kills it if this JVM exits first.
 */
public final class ReplicaProcess implements AutoCloseable {
  private static final Pattern STARTED = Pattern.compile("HTTP API on (\\S+:\\d+)");
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final String id;
  private final Process process;
  private final Path log;
  private final Thread reaper;
  private String httpAddress;

  private ReplicaProcess(String id, Process process, Path log) {
    this.id = id;
    this.process = process;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "drover-replica-stop-" + id);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Starts {@code drover controller} against the given ZooKeeper and Mesos master. */
  static ReplicaProcess start(String id, String zk, String master, Duration sessionTimeout,
      Path logDir) throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(id + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        "io.drover.cli.Main", "controller",
        "--zk", zk, "--root", "/drover", "--master", master,
        "--id", id, "--http-port", "0", "--http-host", "127.0.0.1",
        "--advertise-host", "127.0.0.1",
        "--session-timeout", sessionTimeout.toMillis() + "ms"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("DROVER_LOG_LEVEL");
    return new ReplicaProcess(id, pb.start(), log);
  }

  public String id() {
    return id;
  }

  /** The operating system's id of the process, for signals the JDK does not send (SIGSTOP, SIGCONT). */
  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** The HTTP API's address once the replica printed it; empty before (or if it died). */
  public Optional<String> httpAddress() {
    if (httpAddress == null && Files.exists(log)) {
      try {
        Matcher m = STARTED.matcher(Files.readString(log));
        if (m.find()) {
          httpAddress = m.group(1);
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(httpAddress);
  }

  /** SIGKILL, as a machine failure: nothing is closed, nothing is handed over. */
  public void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM: the replica's shutdown hook hands leadership over; {@link #close} waits for it. */
  public void terminate() {
    process.destroy();
  }

  /** Where its output goes, for error messages. */
  public Path log() {
    return log;
  }

  /** Stops the process (SIGTERM, then SIGKILL if it has not exited within 30 s). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    Runtime.getRuntime().removeShutdownHook(reaper);
  }
}

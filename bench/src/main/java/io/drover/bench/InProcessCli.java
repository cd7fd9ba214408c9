package io.drover.bench;

import com.sun.management.OperatingSystemMXBean;
import io.drover.cli.CliContext;
import io.drover.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code drover} verbs ({@code sync}, {@code apply}) in this JVM, exactly as the command
 * line does, against the benchmark's ZooKeeper and a root of the scenario's choosing.
 */
final class InProcessCli {
  private final String connectString;
  private final String root;

  InProcessCli(String connectString, String root) {
    this.connectString = connectString;
    this.root = root;
  }

  /**
   * What one run printed last (its summary line), how long it took, and how much CPU time the
   * calling thread and the whole process spent in it (the command plans on its thread and parses
   * on every core; the process's time includes what else runs in this JVM, such as an embedded
   * ZooKeeper). CPU time stays meaningful when other processes compete for the machine, wall time
   * does not.
   */
  record Outcome(String summary, long nanos, long cpuNanos, long processCpuNanos) {}

  /** {@code drover sync DIR --sync-id ID}. */
  Outcome sync(Path dir, String syncId) {
    return run("sync", dir.toString(), "--sync-id", syncId);
  }

  /** {@code drover apply -f DIR}. */
  Outcome apply(Path dir) {
    return run("apply", "-f", dir.toString());
  }

  private Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            InputStream.nullInputStream(),
            Map.of(),
            false,
            Clock.systemUTC(),
            Path.of("").toAbsolutePath())
        .withZooKeeper(connectString, root);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long processCpuStart = os.getProcessCpuTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    int exit = Main.run(context, args);
    long nanos = System.nanoTime() - start;
    long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
    long processCpuNanos = os.getProcessCpuTime() - processCpuStart;
    if (exit != 0) {
      throw new IllegalStateException("drover " + String.join(" ", args) + " exited " + exit + ": "
          + err.toString().strip());
    }
    List<String> lines = out.toString().lines().toList();
    return new Outcome(lines.isEmpty() ? "" : lines.get(lines.size() - 1), nanos, cpuNanos,
        processCpuNanos);
  }
}

package io.drover.chaos;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.drover.mesoslocal.real.MesosHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drover chaos [--quick] [--seed N] [--faults TYPE=N,...] [--mesos local|real] [--out FILE]}:
 * plays faults on a seeded schedule against a 3-server ZooKeeper ensemble, mesos-local (or a real
 * Mesos 1.11 from {@code MESOS_HOME}) and three controller processes, checks the invariants all
 * along, prints the report as a table and, with {@code --out}, writes it as JSON. Progress goes to
 * standard error.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "Play faults (leader kills and pauses, session expiries, ZooKeeper quorum loss, Mesos master "
          + "restarts, agent loss and replacement, task crashes) on a seeded random schedule against a "
          + "3-server ZooKeeper ensemble, mesos-local (or a real Mesos 1.11 with --mesos real) and 3 "
          + "controller processes, and check the invariants all along."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every fault played, no invariant broken",
      "1:an invariant was broken (the report lists each with its evidence)",
      "2:usage error",
      "3:the run could not be carried out, or the report not written"
    })
final class ChaosCommand implements Callable<Integer> {
  private static final List<String> SERVERS = List.of(
      "io.drover", "org.apache.zookeeper", "org.apache.curator");

  @Spec private CommandSpec spec;

  @Option(names = "--quick", description = "One fault of each type (about a minute): the test's configuration.")
  private boolean quick;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the schedule: order, holds, pauses, edits (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--faults", paramLabel = "TYPE=N", split = ",",
      description = "Counts that replace the configuration's, e.g. leader-kill=5,task-crash=0.")
  private Map<String, Integer> faults;

  @Option(names = "--session-timeout-ms", paramLabel = "MS",
      description = "The replicas' ZooKeeper session timeout (default: 3000).")
  private Long sessionTimeoutMs;

  @Option(names = "--mesos", paramLabel = "local|real", defaultValue = "local",
      description = "mesos-local (default) or a real Mesos 1.11 master and 3 agents started from MESOS_HOME "
          + "(the agents need root).")
  private String mesos;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
  private Path out;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where ZooKeeper, Mesos and the replicas keep data and logs (default: a temporary "
          + "directory, kept when an invariant broke).")
  private Path workDir;

  @Option(names = "--max-minutes", paramLabel = "N",
      description = "Play no new fault after N minutes; the run then ends, audited and reported, with the "
          + "faults played so far (default: no limit).")
  private int maxMinutes;

  @Option(names = "--verbose", description = "Show the logs of the servers in this process.")
  private boolean verbose;

  @Override
  public Integer call() throws Exception {
    ChaosConfig config = configuration();
    if (maxMinutes < 0) {
      throw new ParameterException(spec.commandLine(), "--max-minutes must be 0 (no limit) or more, got "
          + maxMinutes);
    }
    PrintWriter stderr = spec.commandLine().getErr();
    if (!verbose) {
      quiet();
    }
    // Absolute: mesos-local links volumes into sandboxes by this path.
    Path dir = workDir != null ? Files.createDirectories(workDir.toAbsolutePath())
        : Files.createTempDirectory("drover-chaos-");
    ChaosReport report;
    try {
      report = new ChaosRun(config, dir, stderr, this::checkpoint, Duration.ofMinutes(maxMinutes)).run();
    } catch (Exception e) {
      stderr.println("error: the chaos run stopped: " + e.getMessage() + "; logs are in " + dir
          + (out == null ? "" : "; the report so far is in " + out));
      return 3;
    }
    report.print(spec.commandLine().getOut());
    if (out != null) {
      try {
        report.write(out);
        stderr.println("report written to " + out);
      } catch (IOException e) {
        stderr.println("error: cannot write the report to " + out + ": " + e.getMessage());
        return 3;
      }
    }
    if (!report.violations().isEmpty()) {
      stderr.println("logs kept in " + dir);
      return 1;
    }
    if (workDir == null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return 0;
  }

  /** The report so far, written over {@code --out} after each fault, so that a stopped run leaves its figures. */
  private void checkpoint(ChaosReport partial) {
    if (out != null) {
      try {
        partial.write(out);
      } catch (IOException e) {
        spec.commandLine().getErr().println("warning: cannot write the report so far to " + out + ": " + e.getMessage());
      }
    }
  }

  private ChaosConfig configuration() {
    ChaosConfig config = quick ? ChaosConfig.quick(seed) : ChaosConfig.full(seed);
    try {
      if (faults != null) {
        Map<FaultType, Integer> counts = new EnumMap<>(FaultType.class);
        faults.forEach((name, n) -> counts.put(FaultType.of(name), n));
        config = config.withCounts(counts);
      }
      if (sessionTimeoutMs != null) {
        config = config.withSessionTimeout(Duration.ofMillis(sessionTimeoutMs));
      }
      config = config.withMesos(backend());
      if (config.mesos() == MesosBackend.REAL && MesosHome.find().isEmpty()) {
        throw new IllegalArgumentException("--mesos real needs " + MesosHome.ENV + " set to a Mesos 1.11 "
            + "installation (e.g. MESOS_HOME=/work/shared/mesos); or use --mesos local");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return config;
  }

  private MesosBackend backend() {
    for (MesosBackend b : MesosBackend.values()) {
      if (b.label().equals(mesos)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown --mesos '" + mesos + "': choose local or real");
  }

  /** Turns the servers' logs off, when logging is Logback (it is in the drover jars). */
  private static void quiet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      SERVERS.forEach(name -> context.getLogger(name).setLevel(Level.OFF));
    }
  }
}

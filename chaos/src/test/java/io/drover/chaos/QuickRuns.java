package io.drover.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** Plays a quick configuration (one fault of each type) and checks its report; shared by the quick tests. */
final class QuickRuns {
  private QuickRuns() {}

  /**
   * Runs {@code config} in a directory under {@code target/} (kept with every log when a check
   * fails), prints the report, and checks that every fault was played and converged, that no
   * invariant broke, and that the audit found controller writes, all fenced by the leader.
   */
  static void playWithoutViolations(ChaosConfig config, String dirPrefix) throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), dirPrefix);
    PrintWriter progress = new PrintWriter(System.err, true);
    ChaosReport report = new ChaosRun(config, dir, progress, partial -> { }, Duration.ZERO).run();

    StringWriter table = new StringWriter();
    report.print(new PrintWriter(table));
    System.err.print(table);
    assertThat(report.faults()).as(table.toString()).hasSize(FaultType.values().length);
    assertThat(report.violations()).as(table.toString()).isEmpty();
    assertThat(report.faults()).as(table.toString()).allMatch(f -> f.convergenceMillis() >= 0);
    assertThat(report.audit().controllerWrites()).as("controller writes in the transaction logs").isPositive();
    assertThat(report.audit().byLeader()).isEqualTo(report.audit().controllerWrites());
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

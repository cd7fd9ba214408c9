package io.drover.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code drover chaos --quick}: one fault of each type, seeded, against the real ensemble,
 * mesos-local and three controller processes. Fails on any broken invariant, with the report.
 */
class ChaosQuickTest {
  private static final long SEED = 13;

  @Test
  void oneFaultOfEachTypeBreaksNoInvariant() throws Exception {
    // Under target/, kept for the replicas' and mesos-local's logs when it fails.
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "chaos-quick-");
    PrintWriter progress = new PrintWriter(System.err, true);
    ChaosReport report = new ChaosRun(ChaosConfig.quick(SEED), dir, progress, partial -> { }, Duration.ZERO).run();

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

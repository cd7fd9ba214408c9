package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportJsonTest {
  private static final Machine MACHINE =
      new Machine(2, 512, "17.0.15", "OpenJDK", "Linux 6 amd64", "some cpu", 1.5, 41.25, 9.5);
  private static final Instant STARTED = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void oneObjectPerScenarioWithSingleCasesFlatAndSeveralAsCases(@TempDir Path dir)
      throws Exception {
    ScenarioResult single =
        ScenarioResult.of(
            "zk-baseline",
            List.of(Measurement.of("rt").value("p50_ms", 0.5).value("p99_ms", 1.5).build()),
            Map.of("samples", 10),
            List.of());
    ScenarioResult several =
        ScenarioResult.of(
            "sync-throughput",
            List.of(
                Measurement.of("1000 first").value("docs_per_s", 900.0).build(),
                Measurement.of("1000 no-op").value("noop_writes", 0).build()),
            Map.of("docs", List.of(1000)),
            List.of(new TargetCheck("no-op <= 5 s", "0.2 s", true)));
    ScenarioResult failed =
        ScenarioResult.failed("failover", Map.of("runs", 5), "no leader within 30 s");
    Path file = dir.resolve("sub/report.json");

    ReportJson.write(
        List.of(
            new ReportEntry(single, MACHINE, STARTED),
            new ReportEntry(several, MACHINE, STARTED),
            new ReportEntry(failed, MACHINE, STARTED)),
        file);

    JsonNode report = new ObjectMapper().readTree(file.toFile());
    assertThat(report.fieldNames())
        .toIterable()
        .containsExactly("zk-baseline", "sync-throughput", "failover");
    JsonNode zk = report.get("zk-baseline");
    assertThat(zk.get("p50_ms").asDouble()).isEqualTo(0.5);
    assertThat(zk.get("p99_ms").asDouble()).isEqualTo(1.5);
    assertThat(zk.get("configuration").get("samples").asInt()).isEqualTo(10);
    assertThat(zk.get("machine").get("cores").asInt()).isEqualTo(2);
    assertThat(zk.get("machine").get("heap_max_mb").asInt()).isEqualTo(512);
    assertThat(zk.get("machine").get("java_version").asText()).isEqualTo("17.0.15");
    assertThat(zk.get("machine").get("jvm_uptime_s").asDouble()).isEqualTo(41.25);
    assertThat(zk.get("machine").get("jit_s").asDouble()).isEqualTo(9.5);
    assertThat(zk.get("started_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
    JsonNode sync = report.get("sync-throughput");
    assertThat(sync.get("cases")).hasSize(2);
    assertThat(sync.get("cases").get(0).get("case").asText()).isEqualTo("1000 first");
    assertThat(sync.get("cases").get(1).get("noop_writes").asInt()).isZero();
    assertThat(sync.get("targets").get(0).get("met").asBoolean()).isTrue();
    assertThat(report.get("failover").get("error").asText()).isEqualTo("no leader within 30 s");
    assertThat(report.get("failover").has("cases")).isFalse();
  }

  @Test
  void doublesArePlainDecimalsWithoutAnExponent(@TempDir Path dir) throws Exception {
    ScenarioResult big =
        ScenarioResult.of(
            "launch-raw",
            List.of(Measurement.of("raw").value("bytes", 1e7).value("rate", 12345678.5)
                .value("small", 0.00001).value("p50_ms", 60.0).value("tasks", 1000).build()),
            Map.of(),
            List.of());
    Path file = dir.resolve("report.json");

    ReportJson.write(List.of(new ReportEntry(big, MACHINE, STARTED)), file);

    String text = Files.readString(file);
    assertThat(text).contains("\"bytes\" : 10000000.0", "\"rate\" : 12345678.5", "\"small\" : 0.00001",
        "\"p50_ms\" : 60.0", "\"tasks\" : 1000").doesNotContainPattern("[0-9][eE][-+]?[0-9]");
    JsonNode raw = new ObjectMapper().readTree(text).get("launch-raw");
    assertThat(raw.get("bytes").asDouble()).isEqualTo(1e7);
    assertThat(raw.get("small").asDouble()).isEqualTo(0.00001);
  }
}

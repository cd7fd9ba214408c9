package io.drover.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.cli.CliContext;
import io.drover.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

  /** Output, error output and exit code of one run. */
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void zkBaselineQuickPrintsATableAndWritesItsJsonObject(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.json");
    Run r = run("zk-baseline", "--quick", "--out", file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("machine: ").contains("zk-baseline").contains("p99_ms=");
    JsonNode zk = new ObjectMapper().readTree(file.toFile()).get("zk-baseline");
    assertThat(zk.get("p50_ms").asDouble()).isPositive();
    assertThat(zk.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(zk.get("p50_ms").asDouble());
    assertThat(zk.get("samples").asInt()).isPositive();
    assertThat(zk.get("configuration").get("samples").asInt()).isEqualTo(500);
    assertThat(zk.get("machine").get("cores").asInt()).isPositive();
  }

  @Test
  void syncThroughputQuickCountsNoWritesOnTheNoOpReSync(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.json");
    Run r = run("sync-throughput", "--quick", "--out", file.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode cases = new ObjectMapper().readTree(file.toFile()).get("sync-throughput").get("cases");
    assertThat(cases).hasSize(2);
    assertThat(cases.get(0).get("case").asText()).isEqualTo("1000 docs, first sync");
    assertThat(cases.get(0).get("writes").asInt()).isEqualTo(1000);
    assertThat(cases.get(0).get("docs_per_s").asDouble()).isPositive();
    assertThat(cases.get(1).get("case").asText()).isEqualTo("1000 docs, no-op re-sync");
    assertThat(cases.get(1).get("noop_writes").asInt()).isZero();
    assertThat(cases.get(1).get("summary").asText()).contains("1000 unchanged");
  }

  @Test
  void anUnknownScenarioIsAUsageErrorThatListsTheKnownOnes() {
    Run r = run("warp-speed");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown scenario 'warp-speed'").contains("zk-baseline, ")
        .contains("all");
  }

  @Test
  void theDroverCommandHasTheBenchVerb() {
    StringWriter out = new StringWriter();
    CliContext context =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            InputStream.nullInputStream(),
            Map.of(),
            false,
            Clock.systemUTC(),
            Path.of("."));

    assertThat(Main.run(context, "bench", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: drover bench");
  }

  @Test
  void helpListsTheScenarios() {
    Run r = run("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("The scenario to run: zk-baseline").contains("--quick").contains("--out");
  }
}

package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.cli.CliContext;
import io.drover.cli.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

  /**
   * Every scenario, quick, through the real command: each one ran, the report has its fields, and
   * the invariants that hold on any machine hold (p50 <= p99, a no-op sync writes nothing, every
   * task launched, every service recovered).
   */
  @Test
  void everyScenarioRunsQuickAndReportsItsFields(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.json");
    Run r = assertTimeoutPreemptively(Duration.ofMinutes(5),
        () -> run("all", "--quick", "--out", file.toString()));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("machine: ").contains("TARGET");
    JsonNode report = new ObjectMapper().readTree(file.toFile());
    assertThat(report.fieldNames()).toIterable().containsExactly("zk-baseline", "sync-throughput",
        "reconcile-latency", "priority", "launch-raw", "launch-throughput", "deploy-scale", "recovery-scale", "failover",
        "cli-latency");
    report.forEach(scenario -> {
      assertThat(scenario.has("error")).as(scenario.toString()).isFalse();
      assertThat(scenario.get("machine").get("cores").asInt()).isPositive();
      assertThat(scenario.get("machine").get("heap_max_mb").asLong()).isPositive();
      assertThat(scenario.get("machine").get("java_version").asText()).isNotBlank();
      assertThat(scenario.get("configuration").size()).isPositive();
    });

    JsonNode zk = report.get("zk-baseline");
    assertThat(zk.get("p50_ms").asDouble()).isPositive();
    assertThat(zk.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(zk.get("p50_ms").asDouble());

    JsonNode sync = report.get("sync-throughput").get("cases");
    assertThat(sync.get(0).get("writes").asInt()).isEqualTo(1000);
    assertThat(sync.get(0).get("docs_per_s").asDouble()).isPositive();
    assertThat(sync.get(1).get("noop_writes").asInt()).isZero();

    JsonNode reconcile = report.get("reconcile-latency").get("cases");
    assertThat(reconcile).extracting(c -> c.get("services").asInt()).containsExactly(10, 1000);
    reconcile.forEach(c -> {
      assertThat(c.get("put_p99_ms").asDouble()).isGreaterThanOrEqualTo(c.get("put_p50_ms").asDouble());
      assertThat(c.get("put_taken_p50_ms").asDouble()).isGreaterThanOrEqualTo(c.get("put_p50_ms").asDouble());
      assertThat(c.get("status_p50_ms").asDouble()).isGreaterThanOrEqualTo(c.get("put_taken_p50_ms").asDouble());
      assertThat(c.get("put_p99_vs_zk_p99").asDouble()).isPositive();
      assertThat(c.get("samples_with_gc_pause").asInt()).isBetween(0, 20);
      assertThat(c.get("gc_pause_max_ms").asDouble()).isNotNegative();
    });
    assertThat(report.get("reconcile-latency").get("configuration").get("gc").asText()).isNotBlank();

    JsonNode priority = report.get("priority");
    assertThat(priority.get("services").asInt()).isEqualTo(300);
    assertThat(priority.get("put_taken_max_ms").asDouble()).isGreaterThanOrEqualTo(priority.get("put_max_ms").asDouble());
    assertThat(priority.get("status_max_ms").asDouble()).isGreaterThanOrEqualTo(priority.get("put_taken_max_ms").asDouble());
    assertThat(priority.get("queue_depth_at_write")).hasSize(2);
    assertThat(priority.get("samples_with_gc_pause").asInt()).isBetween(0, 2);

    JsonNode launch = report.get("launch-throughput");
    assertThat(launch.get("tasks").asInt()).isEqualTo(200);
    assertThat(launch.get("tasks_per_s").asDouble()).isPositive();

    assertThat(launch.get("agents_used").asInt()).as("instances spread").isGreaterThanOrEqualTo(10);
    assertThat(launch.get("raw_tasks_per_s").asDouble()).isEqualTo(report.get("launch-raw").get("tasks_per_s").asDouble());
    assertThat(report.get("launch-raw").get("tasks").asInt()).isEqualTo(200);

    JsonNode deploy = report.get("deploy-scale");
    assertThat(deploy.get("services").asInt()).isEqualTo(100);
    assertThat(deploy.get("seconds").asDouble()).isGreaterThanOrEqualTo(deploy.get("all_running_s").asDouble());

    JsonNode recovery = report.get("recovery-scale");
    assertThat(recovery.get("services").asInt()).isEqualTo(300);
    assertThat(recovery.get("seconds").asDouble()).isPositive();
    assertThat(recovery.has("heap_mb")).isTrue();
    for (String phase : List.of("caches_loaded_s", "elected_s", "store_recovered_s", "subscribed_s", "first_reconcile_s")) {
      // Milestones read from the wall clock, the total from the monotonic one: a few ms may part them.
      assertThat(recovery.get(phase).asDouble()).as(phase).isPositive()
          .isLessThanOrEqualTo(recovery.get("seconds").asDouble() + 0.05);
    }

    JsonNode failover = report.get("failover").get("cases");
    assertThat(failover.get(0).get("kill_p50_s").asDouble())
        .isGreaterThan(failover.get(0).get("session_timeout_s").asDouble() / 2);
    assertThat(failover.get(1).get("graceful_p50_s").asDouble()).isPositive();
    assertThat(report.get("failover").get("targets")).hasSize(2);

    // Each verb ran as its own process and answered as expected (the scenario fails otherwise).
    JsonNode cli = report.get("cli-latency").get("cases");
    assertThat(cli).extracting(c -> c.get("case").asText()).containsExactly("java -version",
        "version", "validate", "get services (10)", "describe", "apply unchanged", "diff", "wait (met)");
    cli.forEach(c -> {
      assertThat(c.get("wall_p90_s").asDouble()).isGreaterThanOrEqualTo(c.get("wall_p50_s").asDouble())
          .isPositive();
      assertThat(c.get("cpu_p50_s").asDouble()).isNotNegative();
    });
    assertThat(cli.get(3).get("wall_p50_vs_java_version").asDouble()).isPositive();
    assertThat(report.get("cli-latency").get("targets")).hasSize(7);
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

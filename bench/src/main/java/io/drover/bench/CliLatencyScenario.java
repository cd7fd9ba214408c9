package io.drover.bench;

import io.drover.api.Services;
import io.drover.api.ValidatorIdentity;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.StorePaths;
import io.drover.local.EmbeddedZooKeeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;

/**
 * {@code cli-latency}: how long the everyday verbs take as a user or a pipeline runs them, each a
 * new process ({@link CliLauncher}): {@code version} (no work besides starting: the floor of a
 * JVM verb), {@code validate}, {@code get services} with N services stored,
 * {@code describe}, {@code apply} of an unchanged document, {@code diff} with no difference and
 * {@code wait} on a condition already met, against an embedded ZooKeeper holding N services with
 * Ready statuses that record their documents' checks, as a controller's do. {@code java -version} is measured in the same run, as the floor. Each verb's
 * answer is checked (exit code, {@code unchanged}, no write to ZooKeeper), so speed is never
 * measured on a wrong answer.
 *
 * <p>{@code DROVER_BENCH_BASELINE_JAR=old.jar} adds the same runs of an older build, to compare
 * with: through its checkout's launcher when {@code old.jar} is a checkout's {@code
 * dist/target/drover-dev.jar} (its archive and flags included), else {@code java -jar old.jar}.
 * Before its runs of a verb the statuses' checks are re-signed with its validator, and back after
 * ({@link CheckedStatuses}), so that neither build decodes documents the other would not.
 */
final class CliLatencyScenario implements Scenario {
  static final String NAME = "cli-latency";
  static final String BASELINE_JAR_VARIABLE = "DROVER_BENCH_BASELINE_JAR";
  private static final double TARGET_SECONDS = 0.5;
  private static final double TARGET_RATIO = 2.0;
  private static final String ROOT = "/drover";

  private final int services;
  private final int runs;

  CliLatencyScenario(int services, int runs) {
    this.services = services;
    this.runs = runs;
  }

  static CliLatencyScenario sized(boolean quick) {
    return quick ? new CliLatencyScenario(10, 1) : new CliLatencyScenario(1_000, 10);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "each everyday CLI verb as a new process, p50/p90 wall and CPU, against java -version";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("services", services);
    c.put("runs_per_verb", runs);
    c.put("launcher", CliLauncher.current().description());
    String baseline = System.getenv(BASELINE_JAR_VARIABLE);
    if (baseline != null && !baseline.isBlank()) {
      c.put("baseline", CliLauncher.baseline(Path.of(baseline)).description());
    }
    c.put("zookeeper", BenchCluster.ZOOKEEPER);
    c.put("zookeeper_warm_up", "one untimed get services before the timed runs");
    c.put("statuses", "Ready, each with its document's check by the validator of the build measured");
    c.put("targets_on", "p50 wall");
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    Path work = Files.createDirectories(run.workDir().resolve(NAME));
    Path document = work.resolve(ServiceDocuments.name(0) + ".yaml");
    Files.write(document, ServiceDocuments.bytes(ServiceDocuments.name(0), 1));
    List<Measurement> cases = new ArrayList<>();
    List<TargetCheck> targets = new ArrayList<>();
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(work.resolve("zk"), 0);
        CuratorFramework client = BenchClients.connect(zk.connectString())) {
      run.progress(NAME, "storing " + services + " services with Ready statuses");
      StorePaths paths = new StorePaths(ROOT);
      BulkWriter.createServices(client, paths, 0, services, 1);
      List<String> names = new ArrayList<>(services);
      for (int i = 0; i < services; i++) {
        names.add(ServiceDocuments.name(i));
      }
      CheckedStatuses statuses = CheckedStatuses.write(client, paths, names,
          Services.statusMapper().readValue(READY.getBytes(StandardCharsets.UTF_8), ServiceStatus.class));
      Map<String, String> env = Map.of("DROVER_ZK", zk.connectString(), "DROVER_ROOT", ROOT);
      List<Verb> verbs = verbs(document);

      run.progress(NAME, "java -version, " + runs + " runs");
      Samples floor = measure(CliLauncher.javaVersion(), List.of(), 0, null, env, work, runs);
      cases.add(floor.measurement("java -version", null).build());
      CliLauncher current = CliLauncher.current();
      String baselineJar = System.getenv(BASELINE_JAR_VARIABLE);
      CliLauncher baseline = baselineJar == null || baselineJar.isBlank() ? null
          : CliLauncher.baseline(Path.of(baselineJar).toAbsolutePath());
      String ownValidator = statuses.validator();
      String baselineValidator = baseline == null ? null : ValidatorIdentity.inJar(Path.of(baselineJar));
      // A ZooKeeper that has served reads before, as a long-running one has: the embedded server's
      // first 1,000 reads (its code not yet compiled) would otherwise land in the first timed block.
      run.progress(NAME, "warming ZooKeeper's read path: one untimed get services");
      Verb list = verbs.stream().filter(v -> v.args().equals(List.of("get", "services"))).findFirst().orElseThrow();
      measure(current, list.args(), list.exit(), list.mustPrint(), env, work, 1);
      for (Verb verb : verbs) {
        run.progress(NAME, verb.label() + ", " + runs + " runs");
        Samples now = measure(current, verb.args(), verb.exit(), verb.mustPrint(), env, work, runs);
        Samples before = null;
        if (baseline != null) {
          statuses.vouchAs(baselineValidator);
          before = measure(baseline, verb.args(), verb.exit(), verb.mustPrint(), env, work, runs);
          statuses.vouchAs(ownValidator);
        }
        Measurement.Builder measured = now.measurement(verb.label(), floor);
        if (before != null) {
          before.addTo(measured, "baseline_");
        }
        cases.add(measured.build());
        double seconds = now.wallP50() / 1e9;
        double ratio = now.wallP50() / (double) floor.wallP50();
        targets.add(new TargetCheck(verb.label() + " <= 0.5 s and <= 2x java -version (p50 wall)",
            String.format("%.3f s, %.1fx", seconds, ratio),
            seconds <= TARGET_SECONDS && ratio <= TARGET_RATIO));
      }
      int version = client.checkExists().forPath(paths.service(ServiceDocuments.name(0))).getVersion();
      if (version != 0) {
        throw new IllegalStateException("apply of an unchanged document wrote to ZooKeeper: "
            + ServiceDocuments.name(0) + " is at version " + version);
      }
    }
    return ScenarioResult.of(NAME, cases, configuration(), targets);
  }

  /** A verb as the scenario runs it, with the answer it must give. */
  private record Verb(String label, List<String> args, int exit, String mustPrint) {}

  private List<Verb> verbs(Path document) {
    String name = ServiceDocuments.name(0);
    return List.of(
        new Verb("version", List.of("version"), 0, "Version:"),
        new Verb("validate", List.of("validate", "-f", document.toString()), 0, "OK "),
        new Verb("get services (" + services + ")", List.of("get", "services"), 0,
            ServiceDocuments.name(services - 1)),
        new Verb("describe", List.of("describe", "service", name), 0, "Running"),
        new Verb("apply unchanged", List.of("apply", "-f", document.toString()), 0,
            "service/" + name + " unchanged"),
        new Verb("diff", List.of("diff", "-f", document.toString()), 0, null),
        new Verb("wait (met)", List.of("wait", "service", name, "--for", "condition=Ready",
            "--timeout", "30s"), 0, "condition met: Ready"));
  }

  private Samples measure(CliLauncher launcher, List<String> args, int exit, String mustPrint,
      Map<String, String> env, Path work, int times) throws Exception {
    long[] wall = new long[times];
    long[] cpu = new long[times];
    for (int i = 0; i < times; i++) {
      CliLauncher.Run r = launcher.run(args, env, work);
      if (r.exit() != exit || (mustPrint != null && !r.out().contains(mustPrint))) {
        throw new IllegalStateException(launcher.description() + " " + String.join(" ", args)
            + ": exit " + r.exit() + " (expected " + exit + ")"
            + (mustPrint == null ? "" : ", expected output with '" + mustPrint + "'") + ": "
            + r.out());
      }
      wall[i] = r.wallNanos();
      cpu[i] = r.cpuNanos();
    }
    return new Samples(wall, cpu);
  }

  /** A status as the controller derives it for a one-task service that is up: Ready, generation 0. */
  private static final String READY = """
      {"observedGeneration": 0, "specHash": "0", "phase": "Running",
       "conditions": [
         {"type": "Accepted", "status": "True", "reason": "Valid",
          "lastTransitionTime": "2026-01-01T10:00:00Z"},
         {"type": "Ready", "status": "True", "reason": "AllTasksReady", "message": "1/1 tasks ready",
          "lastTransitionTime": "2026-01-01T10:01:00Z"}],
       "plans": [{"name": "deploy", "status": "COMPLETE", "phases": [{"name": "web",
         "status": "COMPLETE", "steps": [{"name": "web-0", "status": "COMPLETE"}]}]}],
       "tasks": [{"name": "web-0-server", "taskId": "t__web-0-server__u0", "state": "TASK_RUNNING",
         "host": "agent-0", "ports": {"http": 31000}, "healthy": true, "ready": true}]}
      """;

  /** The wall and CPU times of one verb's runs, in nanoseconds (CPU -1 when unknown). */
  private record Samples(long[] wall, long[] cpu) {
    long wallP50() {
      return rank(wall, 50);
    }

    Measurement.Builder measurement(String label, Samples floor) {
      Measurement.Builder b = Measurement.of(label);
      addTo(b, "");
      if (floor != null) {
        b.value("wall_p50_vs_java_version", Math.round(100.0 * wallP50() / floor.wallP50()) / 100.0);
      }
      return b.value("runs", wall.length);
    }

    /** p50 and p90 of wall and CPU time as {@code <prefix>wall_p50_s}, ... */
    void addTo(Measurement.Builder b, String prefix) {
      b.seconds(prefix + "wall_p50_s", rank(wall, 50)).seconds(prefix + "wall_p90_s", rank(wall, 90));
      if (Arrays.stream(cpu).allMatch(c -> c >= 0)) {
        b.seconds(prefix + "cpu_p50_s", rank(cpu, 50)).seconds(prefix + "cpu_p90_s", rank(cpu, 90));
      }
    }

    private static long rank(long[] samples, int percent) {
      long[] sorted = samples.clone();
      Arrays.sort(sorted);
      return Percentiles.rank(sorted, percent);
    }
  }
}

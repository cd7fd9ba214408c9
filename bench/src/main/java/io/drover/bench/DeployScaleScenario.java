package io.drover.bench;

import io.drover.controller.app.Controller;
import io.drover.controller.store.ZkSettings;
import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy-scale}: {@code drover apply -f DIR} of N one-task services, then the time until
 * the scheduler runs them all and until {@code GET /v1/services} shows every one Ready (its status
 * written), on mesos-local's no-process agents.
 */
final class DeployScaleScenario implements Scenario {
  static final String NAME = "deploy-scale";
  private static final double TARGET_SECONDS = 20;
  private static final Duration POLL = Duration.ofMillis(250);

  private final int services;
  private final Duration timeLimit;

  DeployScaleScenario(int services, Duration timeLimit) {
    this.services = services;
    this.timeLimit = timeLimit;
  }

  static DeployScaleScenario sized(boolean quick) {
    return quick ? new DeployScaleScenario(100, Duration.ofSeconds(60)) : new DeployScaleScenario(10_000, Duration.ofSeconds(600));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "apply of N one-task services until every one is Ready (seconds)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("services", services);
    c.put("tasks_per_service", 1);
    c.put("agents", agents());
    c.put("agent_resources", BenchCluster.AGENT_RESOURCES);
    c.put("apply", "drover apply -f DIR in this JVM, one document per service");
    c.put("ready", "GET /v1/services of the leader shows the service Ready (its status is written)");
    c.put("mesos", "mesos-local, no-process agents, Mesos default intervals (1 s allocation)");
    c.put("controller", "one replica in this JVM, production settings");
    c.put("time_limit_s", timeLimit.toSeconds());
    return c;
  }

  private int agents() {
    return Math.max(2, services / 200);
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    Path docs = run.workDir().resolve("deploy-docs");
    ServiceDocuments.writeDirectory(docs, services);
    try (LocalCluster cluster = BenchCluster.builder(run.workDir().resolve(NAME), agents()).start()) {
      cluster.startReplica();
      Controller controller = cluster.awaitLeader(Duration.ofSeconds(60));
      String address = controller.httpAddress().getHostString() + ":" + controller.httpAddress().getPort();
      ReplicaHttp http = new ReplicaHttp();
      run.progress(NAME, "applying " + services + " one-task services");
      Deadline deadline = Deadline.in(timeLimit);
      long start = System.nanoTime();
      InProcessCli.Outcome apply = new InProcessCli(cluster.zkConnectString(), ZkSettings.DEFAULT_ROOT).apply(docs);
      Poll.until(() -> BenchCluster.running(controller) == services, POLL, deadline,
          "the scheduler to run all " + services + " services");
      long running = System.nanoTime() - start;
      Poll.until(() -> http.readyServices(address).orElse(0L) == services, POLL, deadline,
          "all " + services + " services to be Ready");
      long ready = System.nanoTime() - start;
      Measurement m = Measurement.of(services + " services")
          .value("services", services)
          .seconds("seconds", ready)
          .seconds("apply_s", apply.nanos())
          .seconds("all_running_s", running)
          .seconds("status_lag_s", ready - running)
          .rate("services_per_s", services, ready)
          .build();
      double seconds = m.number("seconds");
      return ScenarioResult.of(NAME, List.of(m), configuration(), List.of(
          new TargetCheck(services + " one-task services from apply to all Ready <= 20 s", seconds + " s",
              seconds <= TARGET_SECONDS)));
    }
  }
}

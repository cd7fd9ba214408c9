package io.drover.bench;

import io.drover.api.status.TaskRow;
import io.drover.controller.app.Controller;
import io.drover.controller.store.ZkSettings;
import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import io.drover.reconcile.service.ObservedService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code launch-throughput}: {@code drover apply} of S services of T tasks each, then the time
 * until the scheduler reports every task TASK_RUNNING, on mesos-local's no-process agents (a task
 * is running as soon as Mesos launches it, so this measures Drover: watch, reconcile, plans, offer
 * matching, ACCEPT calls, status updates and their persistence).
 */
final class LaunchThroughputScenario implements Scenario {
  static final String NAME = "launch-throughput";
  private static final double TARGET_TASKS_PER_S = 500;
  private static final double TARGET_RAW_RATIO = 0.5;
  private static final Duration POLL = Duration.ofMillis(20);

  private final int services;
  private final int tasksPerService;
  private final int agents;
  private final Duration timeLimit;

  LaunchThroughputScenario(int services, int tasksPerService, int agents, Duration timeLimit) {
    this.services = services;
    this.tasksPerService = tasksPerService;
    this.agents = agents;
    this.timeLimit = timeLimit;
  }

  static LaunchThroughputScenario sized(boolean quick) {
    return quick
        ? new LaunchThroughputScenario(20, 10, 20, Duration.ofSeconds(60))
        : new LaunchThroughputScenario(100, 10, 100, Duration.ofSeconds(180));
  }

  int tasks() {
    return services * tasksPerService;
  }

  int agents() {
    return agents;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "apply of services x tasks on no-process agents until all RUNNING (tasks_per_s)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("services", services);
    c.put("deploy_plan", "one phase, strategy parallel (the default plan is serial)");
    c.put("tasks_per_service", tasksPerService);
    c.put("agents", agents);
    c.put("agent_resources", BenchCluster.AGENT_RESOURCES);
    c.put("mesos", "mesos-local, no-process agents, Mesos default intervals (1 s allocation)");
    c.put("controller", "one replica in this JVM, production settings");
    c.put("time_limit_s", timeLimit.toSeconds());
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    Path docs = run.workDir().resolve("launch-docs");
    ServiceDocuments.writeDirectory(docs, services, tasksPerService, true);
    int tasks = tasks();
    Measurement.Builder m = Measurement.of(services + " services x " + tasksPerService + " tasks").value("tasks", tasks);
    long nanos;
    try (LocalCluster cluster = BenchCluster.builder(run.workDir().resolve(NAME), agents).start()) {
      cluster.startReplica();
      Controller controller = cluster.awaitLeader(Duration.ofSeconds(60));
      run.progress(NAME, "applying " + services + " services of " + tasksPerService + " tasks");
      Deadline deadline = Deadline.in(timeLimit);
      long start = System.nanoTime();
      InProcessCli.Outcome apply =
          new InProcessCli(cluster.zkConnectString(), ZkSettings.DEFAULT_ROOT).apply(docs);
      Poll.until(() -> runningTasks(controller) > 0, POLL, deadline, "a first task to run");
      long first = System.nanoTime() - start;
      Poll.until(() -> runningTasks(controller) == tasks, POLL, deadline,
          "all " + tasks + " tasks to be TASK_RUNNING");
      nanos = System.nanoTime() - start;
      Map<String, Long> perAgent = BenchCluster.services(controller).orElse(Map.of()).values().stream()
          .flatMap(st -> st.tasks().stream())
          .collect(Collectors.groupingBy(TaskRow::agentId, Collectors.counting()));
      LongSummaryStatistics spread = perAgent.values().stream().mapToLong(Long::longValue).summaryStatistics();
      m.seconds("seconds", nanos)
          .seconds("apply_s", apply.nanos())
          .seconds("first_running_s", first)
          .rate("tasks_per_s", tasks, nanos)
          .value("agents_used", perAgent.size())
          .value("tasks_per_agent_min", spread.getMin())
          .value("tasks_per_agent_max", spread.getMax());
    }
    double rate = Math.round(tasks * 1e10 / nanos) / 10.0;
    double raw = rawRate(run, tasks);
    double ratio = Math.round(rate * 100 / raw) / 100.0;
    m.value("raw_tasks_per_s", raw).value("vs_raw", ratio);
    return ScenarioResult.of(NAME, List.of(m.build()), configuration(), List.of(
        new TargetCheck("at least 500 tasks/s launched", rate + " tasks/s", rate >= TARGET_TASKS_PER_S),
        new TargetCheck("at least 0.5x mesos-local's raw launch rate (launch-raw)", ratio + "x (" + rate + " vs "
            + raw + " tasks/s)", ratio >= TARGET_RAW_RATIO)));
  }

  /** launch-raw's rate from earlier in this run, else measured now on a cluster of the same size. */
  private double rawRate(BenchRun run, int tasks) throws Exception {
    Optional<ScenarioResult> earlier = run.earlier(LaunchRawScenario.NAME);
    if (earlier.isPresent()) {
      return earlier.get().cases().get(0).number("tasks_per_s");
    }
    run.progress(NAME, "launching the same " + tasks + " tasks through the API, for the ratio");
    RawLaunch.Result r = RawLaunch.run(run.workDir().resolve(NAME + "-raw"), agents, tasks, timeLimit);
    return Math.round(tasks * 1e10 / r.nanos()) / 10.0;
  }

  private static long runningTasks(Controller c) {
    return BenchCluster.services(c).orElse(Map.of()).values().stream()
        .map(ObservedService::tasks)
        .flatMap(List::stream)
        .map(TaskRow::state)
        .filter("TASK_RUNNING"::equals)
        .count();
  }
}

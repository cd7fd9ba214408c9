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
    try (LocalCluster cluster = BenchCluster.builder(run.workDir().resolve(NAME), agents).start()) {
      cluster.startReplica();
      Controller controller = cluster.awaitLeader(Duration.ofSeconds(60));
      int tasks = services * tasksPerService;
      run.progress(NAME, "applying " + services + " services of " + tasksPerService + " tasks");
      Deadline deadline = Deadline.in(timeLimit);
      long start = System.nanoTime();
      InProcessCli.Outcome apply =
          new InProcessCli(cluster.zkConnectString(), ZkSettings.DEFAULT_ROOT).apply(docs);
      Poll.until(() -> runningTasks(controller) > 0, POLL, deadline, "a first task to run");
      long first = System.nanoTime() - start;
      Poll.until(() -> runningTasks(controller) == tasks, POLL, deadline,
          "all " + tasks + " tasks to be TASK_RUNNING");
      long nanos = System.nanoTime() - start;
      Map<String, Long> perAgent = BenchCluster.services(controller).orElse(Map.of()).values().stream()
          .flatMap(st -> st.tasks().stream())
          .collect(Collectors.groupingBy(TaskRow::agentId, Collectors.counting()));
      LongSummaryStatistics spread = perAgent.values().stream().mapToLong(Long::longValue).summaryStatistics();
      Measurement m =
          Measurement.of(services + " services x " + tasksPerService + " tasks")
              .value("tasks", tasks)
              .seconds("seconds", nanos)
              .seconds("apply_s", apply.nanos())
              .seconds("first_running_s", first)
              .rate("tasks_per_s", tasks, nanos)
              .value("agents_used", perAgent.size())
              .value("tasks_per_agent_min", spread.getMin())
              .value("tasks_per_agent_max", spread.getMax())
              .build();
      double rate = m.number("tasks_per_s");
      return ScenarioResult.of(NAME, List.of(m), configuration(),
          List.of(new TargetCheck("at least 500 tasks/s launched", rate + " tasks/s",
              rate >= TARGET_TASKS_PER_S)));
    }
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

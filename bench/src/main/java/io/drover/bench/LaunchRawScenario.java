package io.drover.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code launch-raw}: the tasks of {@code launch-throughput} launched straight through
 * mesos-local's scheduler API ({@link RawLaunch}), the rate Drover's launch is held against.
 */
final class LaunchRawScenario implements Scenario {
  static final String NAME = "launch-raw";

  private final int tasks;
  private final int agents;
  private final Duration timeLimit;

  LaunchRawScenario(int tasks, int agents, Duration timeLimit) {
    this.tasks = tasks;
    this.agents = agents;
    this.timeLimit = timeLimit;
  }

  /** The sizes of {@code launch-throughput}: as many tasks on as many agents. */
  static LaunchRawScenario sized(boolean quick) {
    LaunchThroughputScenario same = LaunchThroughputScenario.sized(quick);
    return new LaunchRawScenario(same.tasks(), same.agents(), Duration.ofSeconds(quick ? 60 : 180));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "the launch-throughput tasks launched straight through mesos-local's API (tasks_per_s)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("tasks", tasks);
    c.put("agents", agents);
    c.put("task", "0.01 cpus, 8 MiB, LAUNCH only (no RESERVE, no port)");
    c.put("framework", "a minimal scheduler, calls pipelined on one connection as Mesos's scheduler library sends "
        + "them: one LAUNCH per agent's first offer, every update acknowledged; no ZooKeeper, plans or persistence");
    c.put("mesos", "mesos-local, no-process agents, Mesos default intervals (1 s allocation)");
    c.put("warm_up", "one unmeasured launch of the same size first, on its own cluster");
    c.put("time_limit_s", timeLimit.toSeconds());
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    run.progress(NAME, "launching " + tasks + " tasks on " + agents + " agents through the API");
    RawLaunch.Result r = RawLaunch.warmedUp(run.workDir().resolve(NAME), agents, tasks, timeLimit);
    Measurement m = Measurement.of(tasks + " tasks")
        .value("tasks", tasks)
        .seconds("seconds", r.nanos())
        .seconds("first_running_s", r.firstRunningNanos())
        .rate("tasks_per_s", tasks, r.nanos())
        .value("agents_used", r.agentsUsed())
        .build();
    return ScenarioResult.of(NAME, List.of(m), configuration(), List.of());
  }
}

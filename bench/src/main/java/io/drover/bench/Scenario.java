package io.drover.bench;

import java.util.Map;

/**
 * One benchmark: it starts what it measures (an embedded ZooKeeper, mesos-local, controllers),
 * measures through the same code paths as production, stops everything it started, and reports.
 *
 * <p>Every loop a scenario runs is bounded in count and in time; a scenario that cannot finish
 * within its bounds fails with an error that says what it was waiting for. Scenarios run one at a
 * time, on the calling thread.
 */
interface Scenario {

  /** The name on the command line and the key of its object in the JSON report. */
  String name();

  /** One line for {@code drover bench --help}. */
  String description();

  /** The sizes and settings this instance runs with (they differ with {@code --quick}). */
  Map<String, Object> configuration();

  /** Runs the scenario; {@code run} carries the progress stream and earlier results. */
  ScenarioResult run(BenchRun run) throws Exception;
}

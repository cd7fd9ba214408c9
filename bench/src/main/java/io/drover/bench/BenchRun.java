package io.drover.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation of {@code drover bench}: whether it is quick, where progress goes, a scratch
 * directory, and the results of the scenarios that already ran (reconcile-latency compares itself
 * with the zk-baseline of the same run). Used from the one thread that runs the scenarios.
 */
final class BenchRun {
  private final boolean quick;
  private final PrintWriter progress;
  private final Path workDir;
  private final Map<String, ScenarioResult> results = new LinkedHashMap<>();

  public BenchRun(boolean quick, PrintWriter progress, Path workDir) {
    this.quick = quick;
    this.progress = progress;
    this.workDir = workDir;
  }

  public boolean quick() {
    return quick;
  }

  /** A scratch directory, removed when the run ends unless a scenario failed. */
  public Path workDir() {
    return workDir;
  }

  /** Prints a progress line (to standard error: the table owns standard output). */
  public void progress(String scenario, String message) {
    progress.println(scenario + ": " + message);
    progress.flush();
  }

  /** The result of {@code scenario} if it already ran successfully in this run. */
  public Optional<ScenarioResult> earlier(String scenario) {
    return Optional.ofNullable(results.get(scenario)).filter(ScenarioResult::ok);
  }

  void record(ScenarioResult result) {
    results.put(result.scenario(), result);
  }
}

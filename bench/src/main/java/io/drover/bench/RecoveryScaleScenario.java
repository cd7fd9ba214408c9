package io.drover.bench;

import io.drover.controller.app.Controller;
import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code recovery-scale}: N services deployed by one controller replica, which is then shut down;
 * a new replica starts and the time is taken until it leads with all N services recovered from the
 * ServiceStore, its Mesos subscription up and its first reconcile done (then until every service
 * is back to RUNNING, its tasks reconciled with Mesos). The heap it retains is the growth of the
 * live heap (after a full GC) between just before it starts and just after it is ready. The phases
 * (caches loaded, elected, store recovered, subscribed, first reconcile) are reported too, each
 * from the replica's start, so the report says which one the restart waits for.
 */
final class RecoveryScaleScenario implements Scenario {
  static final String NAME = "recovery-scale";
  private static final double TARGET_SECONDS = 3.0;
  private static final long TARGET_HEAP_MB = 1024;
  private static final Duration POLL = Duration.ofMillis(20);

  private final int services;

  RecoveryScaleScenario(int services) {
    this.services = services;
  }

  static RecoveryScaleScenario sized(boolean quick) {
    return new RecoveryScaleScenario(quick ? 300 : 10_000);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "controller restart with N stored services until leading and recovered (seconds, heap_mb)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("services", services);
    c.put("tasks_per_service", 1);
    c.put("agents", agents());
    c.put("restart", "graceful shutdown of the only replica, then a new replica in this JVM "
        + "(warm JIT, JVM start not included)");
    c.put("heap", "live heap growth after a full GC, from before the new replica starts to when "
        + "it is ready (the JVM also holds ZooKeeper and mesos-local)");
    return c;
  }

  private int agents() {
    return Math.max(2, services / 200);
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    try (LocalCluster cluster = BenchCluster.builder(run.workDir().resolve(NAME), agents()).start()) {
      cluster.startReplica();
      Controller first = cluster.awaitLeader(Duration.ofSeconds(60));
      run.progress(NAME, "deploying " + services + " services");
      BulkWriter.createServices(cluster.user(), cluster.paths(), 0, services, 1);
      Poll.until(() -> BenchCluster.running(first) == services, Duration.ofMillis(200),
          Deadline.in(Duration.ofSeconds(60).plusMillis(50L * services)),
          "the first replica to run all " + services + " services");
      cluster.stop(first);

      run.progress(NAME, "restarting the controller");
      long heapBefore = liveHeap();
      Instant startedAt = Instant.now();
      long start = System.nanoTime();
      Controller next = cluster.startReplica();
      Deadline deadline = Deadline.in(Duration.ofSeconds(120));
      Poll.until(() -> BenchCluster.services(next).map(Map::size).orElse(0) == services, POLL,
          deadline, "the new replica to lead with all " + services + " services recovered");
      long recovered = System.nanoTime() - start;
      Poll.until(() -> next.runtime().map(r -> r.subscribed()).orElse(false), POLL, deadline,
          "the new replica's Mesos subscription");
      long subscribed = System.nanoTime() - start;
      Poll.until(() -> next.firstReconcile().isPresent(), POLL, deadline, "the new replica's first reconcile");
      long ready = System.nanoTime() - start;
      Map<String, Long> phases = phases(startedAt, next);
      long heapMb = (liveHeap() - heapBefore) / (1024 * 1024);
      Poll.until(() -> BenchCluster.running(next) == services, POLL, deadline,
          "every service to be RUNNING again under the new replica");
      long running = System.nanoTime() - start;

      Measurement.Builder b = Measurement.of(services + " services")
          .value("services", services)
          .seconds("seconds", ready);
      phases.forEach(b::seconds);
      Measurement m = b.seconds("recovered_s", recovered)
          .seconds("subscribed_s", subscribed)
          .seconds("all_running_s", running)
          .value("heap_mb", heapMb)
          .build();
      double seconds = m.number("seconds");
      return ScenarioResult.of(NAME, List.of(m), configuration(), List.of(
          new TargetCheck(services + " services recovered and leading in <= 3 s",
              seconds + " s", seconds <= TARGET_SECONDS),
          new TargetCheck("heap retained by the recovered replica <= 1 GiB",
              heapMb + " MiB", heapMb <= TARGET_HEAP_MB)));
    }
  }

  /**
   * When the replica's own milestones came, in nanoseconds from its start: its caches loaded, its
   * election, every stored service recovered, its first reconcile. Together with the polled
   * subscription they say which phase the restart waits for.
   */
  private static Map<String, Long> phases(Instant startedAt, Controller c) {
    Map<String, Long> out = new LinkedHashMap<>();
    c.cachesLoaded().ifPresent(t -> out.put("caches_loaded_s", since(startedAt, t)));
    c.elected().ifPresent(t -> out.put("elected_s", since(startedAt, t)));
    c.recovered().ifPresent(t -> out.put("store_recovered_s", since(startedAt, t)));
    c.firstReconcile().ifPresent(t -> out.put("first_reconcile_s", since(startedAt, t)));
    return out;
  }

  private static long since(Instant from, Instant to) {
    return Duration.between(from, to).toNanos();
  }

  /** Used heap after a full collection: what is live. */
  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}

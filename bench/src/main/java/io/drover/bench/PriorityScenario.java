package io.drover.bench;

import io.drover.controller.app.Controller;
import io.drover.controller.store.DesiredStore;
import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code priority}: a user's change written right after a resync of N services is reconciled at
 * once, not behind the resync's no-op reconciles. A new leader's first full pass is such a
 * resync: every service is enqueued with resync priority. Each sample restarts the controller,
 * waits for its first reconcile (the resync is under way, thousands of keys still waiting), then
 * changes one service's document and times write to {@code putService} and to the status with
 * the new observedGeneration.
 */
final class PriorityScenario implements Scenario {
  static final String NAME = "priority";
  private static final double TARGET_STATUS_MS = 100;
  private static final Duration SAMPLE_WAIT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(200);

  private final int services;
  private final int samples;

  PriorityScenario(int services, int samples) {
    this.services = services;
    this.samples = samples;
  }

  static PriorityScenario sized(boolean quick) {
    return quick ? new PriorityScenario(300, 2) : new PriorityScenario(10_000, 5);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "a change written right after a resync of N services -> putService and -> status (max of samples)";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("services", services);
    c.put("tasks_per_service", 0);
    c.put("samples", samples);
    c.put("resync", "a new leader's first full pass: every service enqueued with resync priority; "
        + "each sample restarts the controller and writes the change once its first reconcile is done");
    c.put("change", "the task's environment (a new spec: putService)");
    c.put("controller", "one replica at a time in this JVM, production settings");
    c.put("gc", GcPauses.collectors());
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    try (LocalCluster cluster = BenchCluster.builder(run.workDir().resolve(NAME), 2).start();
        GcPauses gc = GcPauses.record()) {
      ReconcileProbe probe = new ReconcileProbe(cluster.user(), cluster.paths());
      probe.start();
      Controller leader = cluster.startReplica(runtimes -> new ObservedRuntimes(runtimes, probe));
      cluster.awaitLeader(Duration.ofSeconds(60));
      run.progress(NAME, "deploying " + services + " services");
      BulkWriter.createServices(cluster.user(), cluster.paths(), 0, services, 0);
      Poll.until(() -> BenchCluster.running(leader) == services, POLL,
          Deadline.in(Duration.ofSeconds(60).plusMillis(50L * services)), "the leader to run all " + services + " services");
      DesiredStore desired = cluster.desired();
      ReplicaHttp http = new ReplicaHttp();
      long[] toPut = new long[samples];
      long[] toTaken = new long[samples];
      long[] toStatus = new long[samples];
      long[] waiting = new long[samples];
      long[] starts = new long[samples];
      Controller current = leader;
      for (int i = 0; i < samples; i++) {
        run.progress(NAME, "sample " + (i + 1) + " of " + samples + ": restarting the controller");
        cluster.stop(current);
        Controller next = cluster.startReplica(runtimes -> new ObservedRuntimes(runtimes, probe));
        current = next;
        Poll.until(() -> next.firstReconcile().isPresent(), Duration.ofMillis(2), Deadline.in(SAMPLE_WAIT),
            "the new leader's first reconcile");
        String name = ServiceDocuments.name((i * 7919) % services);
        long generation = desired.read(name).orElseThrow().generation();
        CompletableFuture<Long> put = probe.put(name, generation + 1);
        CompletableFuture<Long> taken = probe.taken(name, generation + 1);
        CompletableFuture<Long> status = probe.status(name, generation + 1);
        byte[] doc = ServiceDocuments.yaml(name, 0, false, "v" + i).getBytes(StandardCharsets.UTF_8);
        waiting[i] = http.queueDepth(address(next)).orElse(-1L);
        long start = System.nanoTime();
        starts[i] = start;
        desired.update(name, doc, generation);
        toPut[i] = put.get(SAMPLE_WAIT.toMillis(), TimeUnit.MILLISECONDS) - start;
        toTaken[i] = taken.get(SAMPLE_WAIT.toMillis(), TimeUnit.MILLISECONDS) - start;
        toStatus[i] = status.get(SAMPLE_WAIT.toMillis(), TimeUnit.MILLISECONDS) - start;
        probe.clear();
      }
      Percentiles put = Percentiles.of(toPut);
      Percentiles status = Percentiles.of(toStatus);
      Percentiles taken = Percentiles.of(toTaken);
      Measurement m = Measurement.of(services + " services")
          .value("services", services)
          .percentiles("put_", put)
          .percentiles("put_taken_", taken)
          .percentiles("status_", status)
          .millis("put_max_ms", put.maxNanos())
          .millis("put_taken_max_ms", taken.maxNanos())
          .millis("status_max_ms", status.maxNanos())
          .value("queue_depth_at_write", Arrays.stream(waiting).boxed().toList())
          .value("samples_with_gc_pause", ReconcileLatencyScenario.samplesWithPause(gc, starts, toStatus))
          .millis("gc_pause_max_in_samples_ms", longestInSamples(gc, starts, toStatus))
          .value("samples", samples)
          .build();
      double maxMs = m.number("status_max_ms");
      return ScenarioResult.of(NAME, List.of(m), configuration(), List.of(
          new TargetCheck("a change right after a resync of " + services + " services: write -> status <= "
              + (int) TARGET_STATUS_MS + " ms (max of " + samples + ")", maxMs + " ms", maxMs <= TARGET_STATUS_MS)));
    }
  }

  /** The longest stop-the-world collection inside any sample's write -> status window, 0 if none. */
  private static long longestInSamples(GcPauses gc, long[] starts, long[] durations) {
    long longest = 0;
    for (int i = 0; i < starts.length; i++) {
      longest = Math.max(longest, ReconcileLatencyScenario.longestPause(gc, starts[i], starts[i] + durations[i]));
    }
    return longest;
  }

  private static String address(Controller c) {
    return c.httpAddress().getHostString() + ":" + c.httpAddress().getPort();
  }
}

package io.drover.bench;

import io.drover.local.Deadline;
import io.drover.local.LocalCluster;
import io.drover.local.Poll;
import io.drover.local.ReplicaProcess;
import io.drover.mesoslocal.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code failover}: controller replicas in their own JVMs; the leader is killed hard (SIGKILL) or
 * stopped gracefully (SIGTERM), and the time is taken from that moment to the new leader's first
 * completed reconcile (as it reports it on {@code /v1/leader}) and to its Mesos re-subscription
 * (its {@code /metrics}). A killed leader keeps its leadership until its ZooKeeper session expires,
 * so kills are reported with the session timeout; a graceful stop hands over at once.
 */
final class FailoverScenario implements Scenario {
  static final String NAME = "failover";
  private static final int SERVICES = 10;
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration RUN_WAIT = Duration.ofSeconds(90);

  private final int killRuns;
  private final int gracefulRuns;
  private final Duration sessionTimeout;

  FailoverScenario(int killRuns, int gracefulRuns, Duration sessionTimeout) {
    this.killRuns = killRuns;
    this.gracefulRuns = gracefulRuns;
    this.sessionTimeout = sessionTimeout;
  }

  static FailoverScenario sized(boolean quick) {
    return quick
        ? new FailoverScenario(1, 1, Duration.ofSeconds(4))
        : new FailoverScenario(5, 5, Duration.ofSeconds(10));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "leader killed (SIGKILL) or stopped (SIGTERM) -> new leader's first reconcile";
  }

  @Override
  public Map<String, Object> configuration() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("kill_runs", killRuns);
    c.put("graceful_runs", gracefulRuns);
    c.put("session_timeout_s", sessionTimeout.toMillis() / 1000.0);
    c.put("services", SERVICES);
    c.put("replicas", "3 at first, at least 2 live before each run, each drover controller in its "
        + "own JVM (-Xmx512m)");
    c.put("zookeeper", BenchCluster.ZOOKEEPER + "; session expiry is checked once per tick");
    return c;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws Exception {
    try (LocalCluster cluster = BenchCluster.builder(run.workDir().resolve(NAME), 2)
        .sessionTimeout(sessionTimeout).start()) {
      Replicas replicas = new Replicas(cluster, new ReplicaHttp());
      run.progress(NAME, "starting replicas and " + SERVICES + " services");
      // Three at once when there are two runs or more: JVMs start faster side by side.
      replicas.ensure(killRuns + gracefulRuns > 1 ? 3 : 2);
      BulkWriter.createServices(cluster.user(), cluster.paths(), 0, SERVICES, 1);
      Poll.until(() -> running(cluster.mesos().state()) == SERVICES, Duration.ofMillis(100),
          Deadline.in(Duration.ofSeconds(60)), "the " + SERVICES + " services' tasks to run");
      List<Handover> kills = new ArrayList<>();
      List<Handover> graceful = new ArrayList<>();
      for (int i = 0; i < killRuns + gracefulRuns; i++) {
        boolean kill = i < killRuns;
        replicas.ensure(2);
        run.progress(NAME, (kill ? "kill" : "graceful") + " run " + (i + 1) + " of "
            + (killRuns + gracefulRuns));
        (kill ? kills : graceful).add(replicas.handover(kill));
      }
      List<Measurement> cases = new ArrayList<>();
      cases.add(summary("leader killed (SIGKILL)", "kill_", kills));
      cases.add(summary("graceful shutdown (SIGTERM)", "graceful_", graceful));
      double killP50 = cases.get(0).number("kill_p50_s");
      double gracefulP50 = cases.get(1).number("graceful_p50_s");
      double timeout = sessionTimeout.toMillis() / 1000.0;
      return ScenarioResult.of(NAME, cases, configuration(), List.of(
          new TargetCheck("kill -> first reconcile p50 <= session timeout + 1 s (" + timeout
              + " s + 1 s)", killP50 + " s", killP50 <= timeout + 1),
          new TargetCheck("graceful -> first reconcile p50 <= 1 s", gracefulP50 + " s",
              gracefulP50 <= 1.0)));
    }
  }

  private Measurement summary(String label, String prefix, List<Handover> runs) {
    long[] reconcile = runs.stream().mapToLong(Handover::firstReconcileNanos).toArray();
    long[] elected = runs.stream().mapToLong(Handover::electedNanos).toArray();
    long[] subscribed = runs.stream().mapToLong(Handover::subscribedNanos).toArray();
    Percentiles r = Percentiles.of(reconcile);
    return Measurement.of(label)
        .seconds(prefix + "p50_s", r.p50Nanos())
        .seconds(prefix + "max_s", r.maxNanos())
        .seconds(prefix + "elected_p50_s", Percentiles.of(elected).p50Nanos())
        .seconds(prefix + "resubscribed_p50_s", Percentiles.of(subscribed).p50Nanos())
        .value("session_timeout_s", sessionTimeout.toMillis() / 1000.0)
        .value("runs", runs.size())
        .build();
  }

  private static long running(ClusterState state) {
    return state.tasks().stream().filter(t -> t.state().equals("TASK_RUNNING")).count();
  }

  /** One leader change, each time measured from the kill or stop signal. */
  private record Handover(long electedNanos, long firstReconcileNanos, long subscribedNanos) {}

  /** The live replica processes, started and stopped by pid. */
  private final class Replicas {
    private final LocalCluster cluster;
    private final List<ReplicaProcess> live = new ArrayList<>();
    private final ReplicaHttp http;

    Replicas(LocalCluster cluster, ReplicaHttp http) {
      this.cluster = cluster;
      this.http = http;
    }

    /** Starts replicas until {@code n} run, and waits until one leads subscribed and all serve. */
    void ensure(int n) throws Exception {
      while (live.size() < n) {
        live.add(cluster.startReplicaProcess());
      }
      Deadline deadline = Deadline.in(RUN_WAIT);
      for (ReplicaProcess p : live) {
        Poll.until(() -> p.alive() && p.httpAddress().flatMap(http::leader)
                .map(l -> l.leaderId() != null).orElse(false), POLL, deadline,
            "replica " + p.id() + " to serve with a leader known (log: " + p.log() + ")");
      }
      ReplicaProcess leader = leader();
      Poll.until(() -> http.subscribed(leader.httpAddress().orElseThrow()), POLL, deadline,
          "leader " + leader.id() + " to subscribe to Mesos (log: " + leader.log() + ")");
    }

    ReplicaProcess leader() {
      String id = live.get(0).httpAddress().flatMap(http::leader).map(ReplicaHttp.Leader::leaderId)
          .orElseThrow(() -> new IllegalStateException("no leader known"));
      return live.stream().filter(p -> p.id().equals(id)).findFirst()
          .orElseThrow(() -> new IllegalStateException("the leader " + id + " is not ours"));
    }

    /** Kills or stops the leader and waits for another replica to take over. */
    Handover handover(boolean kill) throws Exception {
      ReplicaProcess old = leader();
      List<ReplicaProcess> others = live.stream().filter(p -> p != old).toList();
      Instant signalled = Instant.now();
      long start = System.nanoTime();
      if (kill) {
        old.kill();
      } else {
        old.terminate();
      }
      Deadline deadline = Deadline.in(sessionTimeout.plus(RUN_WAIT));
      ReplicaHttp.Leader next = null;
      String address = null;
      while (next == null) {
        for (ReplicaProcess p : others) {
          String a = p.httpAddress().orElseThrow();
          Optional<ReplicaHttp.Leader> l = http.leader(a);
          if (l.isPresent() && l.get().leading() && l.get().firstReconcile() != null) {
            next = l.get();
            address = a;
          }
        }
        if (next == null) {
          deadline.check("a new leader's first reconcile after the leader was "
              + (kill ? "killed" : "stopped"));
          Thread.sleep(POLL.toMillis());
        }
      }
      String leaderAddress = address;
      Poll.until(() -> http.subscribed(leaderAddress), POLL, deadline,
          "the new leader's Mesos subscription");
      long subscribed = System.nanoTime() - start;
      cluster.stop(old);
      live.remove(old);
      return new Handover(
          Duration.between(signalled, next.since()).toNanos(),
          Duration.between(signalled, next.firstReconcile()).toNanos(),
          subscribed);
    }
  }
}

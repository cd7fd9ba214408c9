package io.drover.chaos;

import io.drover.local.ReplicaProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * The thread that looks at the installation all the time (every {@value #INTERVAL_MS} ms): the
 * master's {@code /state}, each replica's HTTP API, and Drover's nodes in ZooKeeper. Each look is
 * judged by the {@link Invariants} and by {@link Convergence}; the fault runner waits on the looks
 * for the installation to converge after a fault.
 */
final class Monitor implements AutoCloseable {
  static final long INTERVAL_MS = 250;

  private final ChaosCluster cluster;
  private final ServiceModel model;
  private final Invariants invariants;
  private final MasterClient master;
  private final ReplicaClient replicas = new ReplicaClient();
  private final int agents;
  private final Consumer<Violation> onViolation;
  private final List<Violation> violations = new CopyOnWriteArrayList<>();
  private final Map<String, Double> fencedByReplica = new HashMap<>();
  private final Map<String, Double> fencedByZooKeeper = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private Look latest;
  private long looks;

  /** A judged look: the snapshot and what keeps it from the goal (null when at the goal). */
  record Look(long number, Snapshot snapshot, String missing) {}

  Monitor(ChaosCluster cluster, ServiceModel model, FaultEffects effects, ChaosConfig config,
      Consumer<Violation> onViolation) {
    this.cluster = cluster;
    this.model = model;
    this.invariants = new Invariants(model, effects, config.convergenceBound());
    this.master = new MasterClient(cluster.mesos().cluster().url(), ChaosCluster.FRAMEWORK);
    this.agents = config.agents();
    this.onViolation = onViolation;
    this.thread = new Thread(this::run, "chaos-monitor");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    while (running) {
      long began = System.nanoTime();
      try {
        Map<String, ServiceModel.Wanted> before = model.wanted();
        Snapshot s = look();
        List<Violation> seen;
        synchronized (this) {
          seen = invariants.check(s, before);
          s.replicas().stream().filter(Snapshot.Replica::answered)
              .forEach(r -> {
                fencedByReplica.merge(r.id(), r.fencedWrites(), Math::max);
                fencedByZooKeeper.merge(r.id(), r.fencedByZooKeeper(), Math::max);
              });
          latest = new Look(++looks, s, Convergence.missing(s, model, agents));
          notifyAll();
        }
        violations.addAll(seen);
        seen.forEach(onViolation);
        long left = INTERVAL_MS - (System.nanoTime() - began) / 1_000_000;
        if (left > 0) {
          Thread.sleep(left);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Snapshot look() throws InterruptedException {
    Instant at = Instant.now();
    Snapshot.Master m = master.read();
    List<Snapshot.Replica> views = new ArrayList<>();
    Map<String, Snapshot.Row> rows = null;
    for (ReplicaProcess p : cluster.replicas()) {
      if (cluster.paused(p.id())) {
        views.add(new Snapshot.Replica(p.id(), true, false, false, false, null, 0, 0));
        continue;
      }
      Optional<String> address = cluster.address(p);
      if (address.isEmpty()) {
        views.add(new Snapshot.Replica(p.id(), false, false, false, false, null, 0, 0));
        continue;
      }
      views.add(replicas.read(p.id(), address.get()));
      if (rows == null) {
        rows = replicas.services(address.get()).orElse(null);
      }
    }
    return new Snapshot(at, m, views, rows, children("/drover/services"), children("/drover/scheduler/services"));
  }

  /** The children of {@code path}, straight from the ZooKeeper handle (no retries: fails fast). */
  private Set<String> children(String path) throws InterruptedException {
    try {
      ZooKeeper zk = cluster.user().getZookeeperClient().getZooKeeper();
      return new HashSet<>(zk.getChildren(path, false));
    } catch (KeeperException.NoNodeException e) {
      return Set.of();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Waits for two looks in a row, both begun at or after {@code after}, that are at the goal and
   * pass {@code also}; returns the first of them, or empty at the timeout.
   */
  synchronized Optional<Look> awaitConverged(Instant after, Predicate<Snapshot> also, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    long seen = -1;
    Look first = null;
    while (System.nanoTime() < end) {
      if (latest != null && latest.number() != seen) {
        seen = latest.number();
        boolean ok = latest.missing() == null && !latest.snapshot().at().isBefore(after)
            && also.test(latest.snapshot());
        if (!ok) {
          first = null;
        } else if (first == null) {
          first = latest;
        } else {
          return Optional.of(first);
        }
      }
      wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
    }
    return Optional.empty();
  }

  /** The latest look, or null before the first. */
  synchronized Look latest() {
    return latest;
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  /** Each replica's highest {@code drover_fenced_writes_total} seen (the counter restarts with the process). */
  synchronized Map<String, Double> fencedWrites() {
    return Map.copyOf(fencedByReplica);
  }

  /** Of {@link #fencedWrites}, those refused by ZooKeeper's check on the election node. */
  synchronized Map<String, Double> fencedByZooKeeper() {
    return Map.copyOf(fencedByZooKeeper);
  }

  synchronized List<Long> uninstallMillis() {
    return invariants.uninstallMillis();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
  }
}

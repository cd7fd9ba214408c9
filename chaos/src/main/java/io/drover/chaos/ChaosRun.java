package io.drover.chaos;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One chaos run: starts the {@link ChaosCluster} and three replicas, deploys the {@link Workload},
 * then plays the {@link Schedule}: for each fault, wait until the installation is at its goal with
 * three replicas serving, pause, play the fault (with a user edit on the side when the plan says
 * so), and measure the time until the installation is back at its goal. The {@link Monitor} checks
 * the invariants all along. Progress goes to {@code progress}.
 */
final class ChaosRun {
  static final int REPLICAS = 3;
  private static final Duration REPLICA_START = Duration.ofMinutes(2);
  private static final Duration EDIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SETUP = Duration.ofMinutes(10);
  private static final Duration PRE_FAULT_WAIT = Duration.ofMinutes(3);
  private static final int EDIT_DELAY_SPREAD_MS = 1500;

  private final ChaosConfig config;
  private final Path workDir;
  private final PrintWriter progress;
  private final List<Violation> violations = new CopyOnWriteArrayList<>();
  private final List<FaultRecord> faults = new ArrayList<>();
  private final Consumer<ChaosReport> checkpoint;
  private final Duration budget;

  /**
   * A run whose report so far (without the audit) goes to {@code checkpoint} after each fault, and
   * that plays no new fault once {@code budget} has passed since it began (zero: no limit); the
   * cluster is then stopped and audited as after a complete run.
   */
  ChaosRun(ChaosConfig config, Path workDir, PrintWriter progress, Consumer<ChaosReport> checkpoint,
      Duration budget) {
    this.config = config;
    this.workDir = workDir;
    this.progress = progress;
    this.checkpoint = checkpoint;
    this.budget = budget;
  }

  ChaosReport run() throws Exception {
    Instant started = Instant.now();
    double loadBefore = ChaosReport.loadAverage();
    ServiceModel model = new ServiceModel();
    FaultEffects effects = new FaultEffects();
    say("starting a 3-server ZooKeeper ensemble, " + config.mesos().description() + " with " + config.agents()
        + " agents and " + REPLICAS + " controller processes in " + workDir);
    List<Long> uninstalls;
    Map<String, Double> fenced;
    Map<String, Double> fencedByZooKeeper;
    try (ChaosCluster cluster = ChaosCluster.start(workDir, config)) {
      cluster.ensureReplicas(REPLICAS, REPLICA_START);
      UserEdits edits = new UserEdits(cluster.local().desired(), model, config.seed() * 31 + 7);
      ExecutorService editor = Executors.newSingleThreadExecutor(r -> new Thread(r, "chaos-user-edits"));
      try (Monitor monitor = new Monitor(cluster, model, effects, config, this::violation)) {
        monitor.start();
        edits.createInitial(EDIT_TIMEOUT);
        if (monitor.awaitConverged(Instant.now(), s -> true, SETUP).isEmpty()) {
          throw new IllegalStateException("the services did not deploy within " + SETUP.toSeconds() + " s: "
              + monitor.latest().missing());
        }
        say("deployed " + model.wanted().keySet() + "; playing " + config.total() + " faults (seed "
            + config.seed() + ")");
        FaultInjector injector = new FaultInjector(cluster, effects, monitor, () -> edits.editOnce(EDIT_TIMEOUT));
        for (Schedule.Planned f : Schedule.of(config)) {
          if (!budget.isZero() && Instant.now().isAfter(started.plus(budget))) {
            say("time budget of " + budget.toMinutes() + " min spent: stopping after " + faults.size() + " of "
                + config.total() + " faults");
            break;
          }
          play(f, cluster, monitor, injector, edits, editor, effects);
          checkpoint.accept(new ChaosReport(config, started, Instant.now(), loadBefore, ChaosReport.loadAverage(),
              List.copyOf(faults), List.copyOf(violations), monitor.fencedWrites(), monitor.fencedByZooKeeper(),
              null, monitor.uninstallMillis()));
        }
        uninstalls = monitor.uninstallMillis();
        fenced = monitor.fencedWrites();
        fencedByZooKeeper = monitor.fencedByZooKeeper();
      } finally {
        editor.shutdownNow();
        editor.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    say("auditing the ensemble's transaction logs");
    List<File> dataDirs = new ArrayList<>();
    for (int i = 1; i <= ChaosCluster.ZK_SERVERS; i++) {
      dataDirs.add(workDir.resolve("zookeeper-" + i).toFile());
    }
    TxnAudit.Result audit = TxnAudit.audit(dataDirs);
    Instant ended = Instant.now();
    audit.violations().forEach(v -> violation(new Violation(ended, "deposed-write", 0, v)));
    return new ChaosReport(config, started, ended, loadBefore, ChaosReport.loadAverage(), List.copyOf(faults),
        List.copyOf(violations), fenced, fencedByZooKeeper, audit, uninstalls);
  }

  private void play(Schedule.Planned f, ChaosCluster cluster, Monitor monitor, FaultInjector injector,
      UserEdits edits, ExecutorService editor, FaultEffects effects) throws Exception {
    cluster.ensureReplicas(REPLICAS, REPLICA_START);
    Set<String> ids = new TreeSet<>();
    cluster.replicas().forEach(p -> ids.add(p.id()));
    Optional<Monitor.Look> ready = monitor.awaitConverged(Instant.now(),
        s -> s.replicas().stream().filter(Snapshot.Replica::answered).count() == REPLICAS, PRE_FAULT_WAIT);
    if (ready.isEmpty()) {
      // Reported, and the schedule goes on: the next fault may well be what gets it unstuck.
      Monitor.Look latest = monitor.latest();
      violation(new Violation(Instant.now(), "convergence-bound", f.number() - 1, "before fault " + f.number()
          + " the installation is not at its goal with " + REPLICAS + " replicas " + ids + " answering within "
          + PRE_FAULT_WAIT.toSeconds() + " s: " + (latest.missing() != null ? latest.missing()
              : "replicas answering: " + latest.snapshot().replicas().stream().filter(Snapshot.Replica::answered)
                  .map(Snapshot.Replica::id).toList())));
    }
    Thread.sleep(f.gap().toMillis());
    effects.playing(f.number());
    Monitor.Look before = monitor.latest();
    Map<String, Double> fencedBefore = new HashMap<>(monitor.fencedWrites());
    long editDelay = Math.floorMod(f.pick() >>> 16, EDIT_DELAY_SPREAD_MS);
    Future<String> edit = f.edit() ? editor.submit(() -> {
      Thread.sleep(editDelay);
      return edits.editOnce(EDIT_TIMEOUT);
    }) : null;
    FaultInjector.Played played;
    try {
      played = injector.play(f);
      // A killed replica's successor starts at once: its JVM boots while the others converge.
      cluster.startReplicas(REPLICAS);
    } catch (Exception e) {
      // Not a broken invariant: the fault could not be played (e.g. no connection of the session to close).
      Instant now = Instant.now();
      faults.add(new FaultRecord(f.number(), f.type(), "none", now, now, -1,
          edit == null ? null : edit.get(EDIT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS),
          "not played: " + e));
      say(f.number() + "/" + config.total() + " " + f.type().label() + " not played: " + e);
      return;
    }
    List<String> done = new ArrayList<>();
    if (played.edit() != null) {
      done.add(played.edit() + " (just before)");
    }
    if (played.agent() != null) {
      // The user deletes the temporary services that ran on the agent that is gone for good.
      for (Snapshot.Task t : before.snapshot().master().tasks()) {
        if (t.agentId().equals(played.agent()) && t.service().startsWith(Workload.TEMPORARY_PREFIX)) {
          edits.deleteTemporary(t.service(), EDIT_TIMEOUT).ifPresent(done::add);
        }
      }
    }
    if (edit != null) {
      done.add(edit.get(EDIT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS));
    }
    Instant after = done.isEmpty() ? played.repaired() : Instant.now();
    Optional<Monitor.Look> converged = monitor.awaitConverged(after, played.converged(), config.convergenceBound());
    long millis = converged.map(l -> Duration.between(played.repaired(), l.snapshot().at()).toMillis()).orElse(-1L);
    if (converged.isEmpty()) {
      violation(new Violation(Instant.now(), "convergence-bound", f.number(), f.type().label() + " on "
          + played.target() + ": not at the goal " + config.convergenceBound().toSeconds()
          + " s after it was repaired: " + monitor.latest().missing()));
    }
    String note = null;
    if (played.deposed() != null) {
      double refused = monitor.fencedWrites().getOrDefault(played.deposed(), 0.0)
          - fencedBefore.getOrDefault(played.deposed(), 0.0);
      note = "writes refused to the deposed " + played.deposed() + ": " + (long) refused;
    }
    FaultRecord r = new FaultRecord(f.number(), f.type(), played.target(), played.injected(), played.repaired(),
        millis, done.isEmpty() ? null : String.join("; ", done), note);
    faults.add(r);
    say(String.format("%d/%d %s %s: %s%s%s", f.number(), config.total(), f.type().label(), played.target(),
        millis < 0 ? "NOT CONVERGED" : "converged in " + millis + " ms",
        r.edit() == null ? "" : " (edit: " + r.edit() + ")", note == null ? "" : " (" + note + ")"));
  }

  private void violation(Violation v) {
    violations.add(v);
    say("VIOLATION " + v.invariant() + " at " + v.at() + ": " + v.evidence());
  }

  private void say(String line) {
    synchronized (progress) {
      progress.println(Instant.now() + " " + line);
      progress.flush();
    }
  }
}

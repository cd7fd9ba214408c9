package io.drover.reconcile.testing;

import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.offer.OfferPools;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.Kill;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.service.WaitMemory;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Drives one service's decisions against a {@link ScriptedCluster}, the way the runtime does:
 * offers, status updates, then {@code advance} after each; time moves only when the test says.
 */
public final class Harness {
  public static final ServiceSchedulerSettings SETTINGS =
      ServiceSchedulerSettings.defaults("drover-principal")
          .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30))
          .withKillRetry(Duration.ofSeconds(10))
          .withUninstallTimeout(Duration.ofMinutes(10));

  public final ScriptedCluster cluster;
  public final ServiceScheduler reconciler;
  public ServiceRecord record;
  public Pacing pacing = Pacing.none();
  /** What the offer rounds so far said about waiting instances. */
  public WaitMemory waits = WaitMemory.NONE;
  public Instant now = Instant.parse("2025-01-01T00:00:00Z");
  public boolean wantsOffers;
  public Optional<Decisions.Uninstalled> uninstalled = Optional.empty();
  public Instant wakeAt;
  /** Every notice decided so far, in order. */
  public final List<String> notices = new ArrayList<>();
  private final List<Kill> kills = new ArrayList<>();

  public Harness(ScriptedCluster cluster, Target target) {
    this(cluster, target, SETTINGS);
  }

  public Harness(ScriptedCluster cluster, Target target, ServiceSchedulerSettings settings) {
    this.cluster = cluster;
    AtomicInteger n = new AtomicInteger();
    Ids ids = () -> "id-" + n.incrementAndGet();
    this.reconciler = ServiceScheduler.create(settings, ids);
    this.record = ((Decisions.Accepted) reconciler.put(null, target)).record();
    advance();
  }

  public Decisions.Put put(Target t) {
    Decisions.Put p = reconciler.put(record, t);
    if (p instanceof Decisions.Accepted a) {
      record = a.record();
      advance();
    }
    return p;
  }

  /** One offer round with offers of all (or the named) agents; accepted pools are applied. */
  public List<OfferPool> offers(String... agents) {
    Decisions.Offers d = reconciler.offers(record, pacing, OfferPools.of(cluster.offers(agents)), now);
    record = d.record();
    waits = waits.after(d.waits(), now);
    cluster.acceptAll(d.pools());
    advance();
    return d.pools();
  }

  /** An offer round whose ACCEPTs are lost on the way: decided and stored, never applied. */
  public void offersLost(String... agents) {
    Decisions.Offers d = reconciler.offers(record, pacing, OfferPools.of(cluster.offers(agents)), now);
    record = d.record();
    waits = waits.after(d.waits(), now);
    advance();
  }

  public void status(TaskStatus st) {
    Decisions.Status d = reconciler.status(record, pacing, st, now);
    record = d.record();
    pacing = d.pacing();
    advance();
  }

  public void update(String taskName, TaskState state) {
    status(cluster.update(task(taskName).taskId(), state));
  }

  public void running(String... taskNames) {
    for (String n : taskNames) {
      update(n, TaskState.TASK_RUNNING);
    }
  }

  /** The kills decided since the last call; each is applied to the cluster as TASK_KILLED. */
  public List<String> killAndConfirm() {
    List<Kill> k = takeKills();
    for (Kill kill : k) {
      status(cluster.update(kill.taskId(), TaskState.TASK_KILLED));
    }
    return k.stream().map(x -> x.taskId().getValue()).toList();
  }

  public List<Kill> takeKills() {
    List<Kill> k = List.copyOf(kills);
    kills.clear();
    return k;
  }

  public void tick(Duration d) {
    now = now.plus(d);
    advance();
  }

  public void advance() {
    Decisions.Advance a = reconciler.advance(record, pacing, now);
    record = a.record();
    pacing = a.pacing();
    kills.addAll(a.kills());
    wantsOffers = a.wantsOffers();
    uninstalled = a.uninstalled();
    wakeAt = a.wakeAt();
    notices.addAll(a.notices());
  }

  public TaskRecord task(String name) {
    TaskRecord r = record.tasks().get(name);
    if (r == null) {
      throw new IllegalStateException("no task " + name + " in " + record.tasks().keySet());
    }
    return r;
  }
}

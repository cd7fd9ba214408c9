package io.drover.reconcile.service;

import io.drover.api.model.Goal;
import io.drover.api.model.Placement;
import io.drover.api.model.PodSpec;
import io.drover.reconcile.offer.InstanceLauncher;
import io.drover.reconcile.offer.InstanceSpread;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.offer.PlacementCheck;
import io.drover.reconcile.offer.PoolVerdict;
import io.drover.reconcile.plan.InstanceView;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.RelaunchDelay;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.TaskStateMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The per-service decision logic: pure functions of (stored record, in-memory pacing, observed
 * event, now) that return what to store and what to tell Mesos. No I/O, no clock, no randomness
 * except through the injected {@link Ids}. One instance serves every service; it holds no state.
 *
 * <p>The runtime calls {@link #offers} and {@link #status} for events, then {@link #advance} to
 * learn the kills to send, whether to keep offers coming, and when to look again.
 */
public final class ServiceScheduler {
  private final ServiceSchedulerSettings settings;
  private final Ids ids;

  private ServiceScheduler(ServiceSchedulerSettings settings, Ids ids) {
    this.settings = settings;
    this.ids = ids;
  }

  public static ServiceScheduler create(ServiceSchedulerSettings settings, Ids ids) {
    return new ServiceScheduler(settings, ids);
  }

  /** A new service ({@code current} null) or a new target for an existing one. */
  public Decisions.Put put(ServiceRecord current, Target target) {
    if (current == null) {
      return new Decisions.Accepted(ServiceRecord.initial(target));
    }
    if (current.uninstalling()) {
      throw new IllegalStateException(
          "service " + current.name() + " is being uninstalled; apply it again once the teardown has finished");
    }
    List<String> reasons = UpdateValidator.validate(current.target().spec(), target.spec());
    if (!reasons.isEmpty()) {
      return new Decisions.Rejected(reasons);
    }
    return new Decisions.Accepted(Settle.apply(current.withTarget(target)));
  }

  /** Starts (or keeps) the teardown. */
  public ServiceRecord uninstall(ServiceRecord s, Instant now) {
    return s.uninstalling() ? s : s.uninstallingFrom(now);
  }

  /**
   * An offer round: an agent that offers is registered (so not gone or unreachable any more);
   * release what is no longer wanted, then launch what may launch.
   */
  public Decisions.Offers offers(ServiceRecord s, Pacing pacing, List<OfferPool> pools, Instant now) {
    ResourceRelease.Result released = ResourceRelease.release(agentsBack(s, pools), pools);
    ServiceRecord rec = released.record();
    List<OfferPool> out = new ArrayList<>(released.pools());
    Set<String> launched = new HashSet<>();
    Map<String, List<PoolVerdict>> waiting = new HashMap<>();
    if (!rec.uninstalling()) {
      for (LaunchWork work : WorkPlanner.work(rec, pacing, now)) {
        boolean placed = false;
        for (int i : InstanceSpread.order(rec, work.instance(), out)) {
          OfferPool pool = out.get(i);
          if (!admits(rec, work, pool)) {
            continue;
          }
          Optional<InstanceLauncher.Launch> launch =
              InstanceLauncher.launch(
                  rec.target(), settings.principal(), work.tasks(), work.executor(), pool, ids);
          if (launch.isPresent()) {
            out.set(i, launch.get().pool());
            for (TaskRecord r : launch.get().records()) {
              rec = rec.withTask(r);
            }
            placed = true;
            break;
          }
        }
        if (placed) {
          launched.add(work.instance().name());
        } else {
          ServiceRecord seen = rec;
          waiting.put(work.instance().name(), WaitDiagnosis.of(seen, work, out, settings.principal(),
              placement(seen, work), pool -> onHost(seen, work.instance(), pool.hostname())));
        }
      }
    }
    return new Decisions.Offers(Settle.apply(rec), out, new RoundWaits(launched, waiting));
  }

  /**
   * A status update for one of this service's tasks (or an unknown incarnation of one). For a task
   * that already ended it can only say what became of its agent.
   */
  public Decisions.Status status(ServiceRecord s, Pacing pacing, TaskStatus incoming, Instant now) {
    Optional<TaskRecord> found = s.byTaskId(incoming.getTaskId());
    if (found.isEmpty()) {
      return Decisions.Status.unknown(s, pacing);
    }
    TaskRecord old = found.get();
    TaskStatus st = TaskStateMachine.stamped(incoming, now);
    if (old.condition().terminal()) {
      TaskRecord next = old.withAgentStatus(TaskStateMachine.agentStatus(old.agentStatus(), st));
      return new Decisions.Status(next.equals(old) ? s : Settle.apply(s.withTask(next)), pacing, true);
    }
    TaskStatus merged = TaskStateMachine.apply(old.status(), st);
    if (merged == old.status()) {
      return new Decisions.Status(s, pacing, true);
    }
    TaskRecord next = old.withStatus(merged);
    String name = next.info().getName();
    String id = next.taskId().getValue();
    Pacing p = pacing;
    if (next.atGoalNow() && !next.goalReached()) {
      next = next.withGoalReached();
    }
    if (!old.condition().terminal() && next.condition().terminal()) {
      boolean finishedWell = next.condition() == TaskCondition.FINISHED && next.goal() != Goal.RUNNING;
      if (finishedWell) {
        p = p.withoutBackoff(name);
      } else if (!p.killRequested(id)
          && !TaskStateMachine.invalidOffer(merged)
          && next.condition() != TaskCondition.GONE) {
        // Only the task's own failures back off; a refused offer or a lost agent is no fault of it.
        RelaunchDelay b = RelaunchDelay.after(p.backoff(name).orElse(null), now, settings.relaunchBackoff());
        p = p.withBackoff(name, b);
      }
      p = p.withoutKill(id);
    } else if (old.condition() == TaskCondition.UNREACHABLE && next.condition().active()
        && next.condition() != TaskCondition.KILLING && p.killRequested(id)) {
      // The master drops a kill it cannot deliver to an unreachable agent: now that the task is
      // seen running again, send it at once instead of at the kill retry.
      p = p.withoutKill(id);
    }
    return new Decisions.Status(Settle.apply(s.withTask(next)), p, true);
  }

  /**
   * What to do now, after any event: instances whose agent is lost are replaced; kills, offer
   * interest, next wake-up, teardown completion, and a notice of each replacement.
   */
  public Decisions.Advance advance(ServiceRecord s, Pacing pacing, Instant now) {
    ServiceRecord rec = Settle.apply(s);
    List<String> notices = List.of();
    if (!rec.uninstalling()) {
      LostAgents.Result lost = LostAgents.replace(rec, now);
      rec = Settle.apply(lost.record());
      notices = lost.notices();
    }
    List<TaskRecord> doomed = KillPlanner.doomed(rec);
    List<TaskRecord> due = KillPlanner.due(doomed, pacing, now, settings.killRetry());
    Pacing p = pacing;
    List<Kill> kills = new ArrayList<>();
    for (TaskRecord r : due) {
      kills.add(Kill.of(r));
      p = p.withKill(r.taskId().getValue(), now);
    }
    Optional<Instant> wake = earliest(KillPlanner.nextRetry(doomed, p, settings.killRetry()), LostAgents.nextDeadline(rec, now));
    if (rec.uninstalling()) {
      Instant deadline = rec.uninstallingSince().plus(settings.uninstallTimeout());
      Optional<Decisions.Uninstalled> done = Teardown.outcome(rec, now, deadline);
      return new Decisions.Advance(
          rec, p, done.isPresent() ? List.of() : kills, done.isEmpty() && ResourceRelease.pending(rec),
          earliest(wake, Optional.of(deadline)).orElseThrow(), done, notices);
    }
    boolean wants =
        !WorkPlanner.work(rec, p, now).isEmpty() || ResourceRelease.pending(rec) || LostAgents.awaitingAgent(rec);
    return new Decisions.Advance(
        rec, p, kills, wants, earliest(wake, WorkPlanner.nextBackoffEnd(rec, p, now)).orElse(null), Optional.empty(), notices);
  }

  /**
   * The tasks to reconcile explicitly after a subscription (and when Mesos reports an agent lost):
   * every task whose agent is not known to be gone, ended ones included, since only the answer
   * about an ended task tells whether its reservations still exist.
   */
  public static Map<TaskID, AgentID> reconcilable(ServiceRecord s) {
    Map<TaskID, AgentID> out = new HashMap<>();
    for (TaskRecord t : s.tasks().values()) {
      if (!t.agentGone()) {
        out.put(t.taskId(), t.agentId());
      }
    }
    return Map.copyOf(out);
  }

  /** {@code pod restart}: kill the instance's tasks; they are relaunched in place, without backoff. */
  public Decisions.Command restart(ServiceRecord s, Pacing pacing, InstanceId id, Instant now) {
    requireInstance(s, id);
    Pacing p = pacing;
    List<Kill> kills = new ArrayList<>();
    for (TaskRecord r : s.ofInstance(id)) {
      if (r.condition().active()) {
        kills.add(Kill.of(r));
        p = p.withKill(r.taskId().getValue(), now).withoutBackoff(r.info().getName());
      }
    }
    return new Decisions.Command(s, p, kills);
  }

  /** {@code pod replace}: the instance moves to new reservations; the old ones are released. */
  public Decisions.Command replace(ServiceRecord s, Pacing pacing, InstanceId id) {
    requireInstance(s, id);
    ServiceRecord rec = s;
    Pacing p = pacing;
    for (TaskRecord r : s.ofInstance(id)) {
      rec = rec.withTask(r.markedForReplace());
      p = p.withoutBackoff(r.info().getName());
    }
    return new Decisions.Command(rec, p, List.of());
  }

  /** Pauses or resumes plan {@code plan} ({@code deploy}, {@code update} or {@code recovery}). */
  public ServiceRecord pause(ServiceRecord s, String plan, boolean paused) {
    Set<String> known = Set.of("deploy", "update", WorkPlanner.RECOVERY);
    if (!known.contains(plan)) {
      throw new IllegalArgumentException(
          "unknown plan '" + plan + "' of service " + s.name() + ": use one of deploy, update, recovery");
    }
    return s.withPaused(plan, paused);
  }

  private static void requireInstance(ServiceRecord s, InstanceId id) {
    if (!PodInstances.wanted(s.target().spec(), id) || s.uninstalling()) {
      List<String> names = PodInstances.all(s.target().spec()).stream().map(InstanceId::name).toList();
      throw new IllegalArgumentException(
          "service " + s.name() + " has no pod instance " + id.name() + (s.uninstalling() ? " (it is being uninstalled)" : "") + "; instances: " + names);
    }
  }

  /** The record with what Mesos said about agents that offer now forgotten: they are registered. */
  private static ServiceRecord agentsBack(ServiceRecord s, List<OfferPool> pools) {
    if (s.tasks().values().stream().allMatch(r -> r.agentStatus() == null)) {
      return s;
    }
    Set<AgentID> offering = new HashSet<>();
    pools.forEach(p -> offering.add(p.agentId()));
    return s.mapTasks(r -> r.agentStatus() != null && offering.contains(r.agentId()) ? r.withAgentStatus(null) : r);
  }

  /** Whether the work may go to this pool: its own agent in place, the placement rules otherwise. */
  private static boolean admits(ServiceRecord s, LaunchWork work, OfferPool pool) {
    if (!work.moving()) {
      return pool.agentId().equals(work.agent());
    }
    return PlacementCheck.allows(placement(s, work), pool, onHost(s, work.instance(), pool.hostname()));
  }

  private static Placement placement(ServiceRecord s, LaunchWork work) {
    return PodInstances.pod(s.target().spec(), work.instance().pod()).map(PodSpec::placement).orElse(null);
  }

  /** Other instances of the same pod holding reservations on this host. */
  private static int onHost(ServiceRecord s, InstanceId self, String hostname) {
    Set<InstanceId> seen = new HashSet<>();
    for (TaskRecord r : s.tasks().values()) {
      InstanceId i = r.taskName().instance();
      if (i.pod().equals(self.pod())
          && !i.equals(self)
          && r.hostname().equals(hostname)
          && !r.replace()
          && !r.agentGone()
          && PodInstances.wanted(s.target().spec(), i)) {
        seen.add(i);
      }
    }
    return seen.size();
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    return Stream.of(a, b).flatMap(Optional::stream).min(Instant::compareTo);
  }

  /** Lifecycle of a service, for status. */
  public static ObservedService.Lifecycle lifecycle(ServiceRecord s) {
    if (s.uninstalling()) {
      return ObservedService.Lifecycle.UNINSTALLING;
    }
    if (s.deployedSpecHash() == null) {
      return ObservedService.Lifecycle.DEPLOYING;
    }
    if (!s.deployedSpecHash().equals(s.target().specHash())) {
      return ObservedService.Lifecycle.UPDATING;
    }
    for (InstanceId id : PodInstances.all(s.target().spec())) {
      for (InstanceView.Slot slot : InstanceView.of(s, id).slots()) {
        if (slot.record() == null || !slot.record().atGoalNow()) {
          return ObservedService.Lifecycle.DEGRADED;
        }
      }
    }
    return ObservedService.Lifecycle.RUNNING;
  }
}

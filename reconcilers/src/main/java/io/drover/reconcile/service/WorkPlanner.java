package io.drover.reconcile.service;

import io.drover.reconcile.offer.ExecutorChoice;
import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.plan.GroupInstances;
import io.drover.reconcile.plan.InstanceView;
import io.drover.reconcile.plan.TaskJudge;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.PlanLayout;
import io.drover.reconcile.state.RelaunchDelay;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which instances may launch tasks now: rollout work (tasks not yet at the target spec) only for
 * the steps the rollout plan makes eligible, recovery work (deployed tasks that ended or must move)
 * at any time; neither while its plan is paused, nor for a task still backing off. A task group
 * instance relaunches whole when an essential task ended ({@link GroupInstances}).
 */
final class WorkPlanner {
  static final String RECOVERY = "recovery";

  private WorkPlanner() {}

  /** The rollout plan now driving the service: deploy until the first configuration update, then update. */
  static String rolloutName(ServiceRecord s) {
    return s.updated() ? PlanLayout.UPDATE : PlanLayout.DEPLOY;
  }

  static PlanLayout layout(ServiceRecord s) {
    return s.target().layout(rolloutName(s));
  }

  /** The rollout steps that may act now (none while the rollout plan is paused). */
  static Set<InstanceId> eligible(ServiceRecord s) {
    if (s.paused(rolloutName(s))) {
      return Set.of();
    }
    return layout(s).eligible(id -> InstanceView.of(s, id).done());
  }

  static List<LaunchWork> work(ServiceRecord s, Pacing pacing, Instant now) {
    Set<InstanceId> eligible = eligible(s);
    List<LaunchWork> out = new ArrayList<>();
    for (InstanceId id : layout(s).steps()) {
      InstanceView v = InstanceView.of(s, id);
      boolean allowed =
          v.outdated() ? eligible.contains(id) : v.failed() && !s.paused(RECOVERY);
      if (allowed) {
        launchable(v, pacing, now).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<LaunchWork> launchable(InstanceView v, Pacing pacing, Instant now) {
    boolean group = GroupInstances.isGroup(v.target(), v.id().pod());
    List<TaskToLaunch> tasks = new ArrayList<>();
    if (v.moving()) {
      if (!v.settled()) {
        return Optional.empty();
      }
      for (InstanceView.Slot slot : v.slots()) {
        if (blocked(pacing, slot, now)) {
          return Optional.empty();
        }
        tasks.add(new TaskToLaunch(slot.name(), slot.spec(), null));
      }
      return Optional.of(new LaunchWork(v.id(), null, tasks, group ? ExecutorChoice.starting(null) : null));
    }
    if (group && GroupInstances.down(v)) {
      return wholeGroup(v, pacing, now);
    }
    for (InstanceView.Slot slot : v.slots()) {
      TaskRecord r = slot.record();
      if (r == null) {
        tasks.add(new TaskToLaunch(slot.name(), slot.spec(), null));
      } else if (r.condition().terminal()
          && TaskJudge.wantsLaunch(slot, v.target())
          && !blocked(pacing, slot, now)) {
        tasks.add(new TaskToLaunch(slot.name(), slot.spec(), r));
      }
    }
    if (tasks.isEmpty()) {
      return Optional.empty();
    }
    ExecutorChoice executor =
        group
            ? GroupInstances.running(v)
                .map(ExecutorChoice::joining)
                .orElseGet(() -> ExecutorChoice.starting(GroupInstances.holder(v).orElse(null)))
            : null;
    return Optional.of(new LaunchWork(v.id(), v.agent().orElseThrow(), tasks, executor));
  }

  /**
   * A task group instance whose essential task ended: once nothing of it runs and no task that
   * must run again is backing off, every such task is relaunched together on a new executor.
   */
  private static Optional<LaunchWork> wholeGroup(InstanceView v, Pacing pacing, Instant now) {
    if (!v.settled()) {
      return Optional.empty();
    }
    List<TaskToLaunch> tasks = new ArrayList<>();
    for (InstanceView.Slot slot : v.slots()) {
      TaskRecord r = slot.record();
      if (TaskJudge.wantsLaunch(slot, v.target())) {
        if (blocked(pacing, slot, now)) {
          return Optional.empty();
        }
        tasks.add(new TaskToLaunch(slot.name(), slot.spec(), r));
      }
    }
    ExecutorChoice executor = ExecutorChoice.starting(GroupInstances.holder(v).orElse(null));
    return Optional.of(new LaunchWork(v.id(), v.agent().orElseThrow(), tasks, executor));
  }

  private static boolean blocked(Pacing pacing, InstanceView.Slot slot, Instant now) {
    return pacing.backoff(slot.name().name()).map(b -> b.blocks(now)).orElse(false);
  }

  /** The earliest future moment a backoff of a task that wants a launch ends, if any. */
  static Optional<Instant> nextBackoffEnd(ServiceRecord s, Pacing pacing, Instant now) {
    Instant best = null;
    for (TaskRecord r : s.tasks().values()) {
      Optional<RelaunchDelay> b = pacing.backoff(r.info().getName());
      if (b.isPresent() && b.get().blocks(now) && r.condition().terminal()) {
        Instant at = b.get().notBefore();
        best = best == null || at.isBefore(best) ? at : best;
      }
    }
    return Optional.ofNullable(best);
  }
}

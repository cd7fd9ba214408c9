package io.drover.reconcile.service;

import io.drover.reconcile.plan.GroupInstances;
import io.drover.reconcile.plan.InstanceView;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tasks must die: during a teardown every task; otherwise tasks the spec no longer has
 * (decommission), tasks of instances being replaced, outdated tasks of the rollout steps that
 * may act now, and the rest of a task group instance whose essential task ended. A kill is re-sent only after {@code killRetry} without a terminal status.
 */
final class KillPlanner {

  private KillPlanner() {}

  /** Every task that should be dead, whether or not a kill was already sent. */
  static List<TaskRecord> doomed(ServiceRecord s) {
    Map<String, TaskRecord> out = new LinkedHashMap<>();
    for (TaskRecord r : s.tasks().values()) {
      TaskCondition c = r.condition();
      if (s.uninstalling()) {
        if (c.active() || c == TaskCondition.UNREACHABLE) {
          out.put(r.info().getName(), r);
        }
      } else if (c.active() && (orphan(s, r) || r.replace())) {
        out.put(r.info().getName(), r);
      }
    }
    if (!s.uninstalling()) {
      for (InstanceId id : WorkPlanner.eligible(s)) {
        InstanceView.of(s, id).outdatedActive().forEach(r -> out.put(r.info().getName(), r));
      }
      for (InstanceId id : WorkPlanner.layout(s).steps()) {
        GroupInstances.toBringDown(InstanceView.of(s, id)).forEach(r -> out.put(r.info().getName(), r));
      }
    }
    return List.copyOf(out.values());
  }

  /** The kills to send now. */
  static List<TaskRecord> due(List<TaskRecord> doomed, Pacing pacing, Instant now, Duration retry) {
    return doomed.stream()
        .filter(r -> lastKill(pacing, r).map(t -> !now.isBefore(t.plus(retry))).orElse(true))
        .toList();
  }

  /** When the earliest pending kill should be re-sent. */
  static Optional<Instant> nextRetry(List<TaskRecord> doomed, Pacing pacing, Duration retry) {
    return doomed.stream()
        .map(r -> lastKill(pacing, r))
        .flatMap(Optional::stream)
        .map(t -> t.plus(retry))
        .min(Instant::compareTo);
  }

  static boolean orphan(ServiceRecord s, TaskRecord r) {
    return PodInstances.taskSpec(s.target().spec(), r.taskName()).isEmpty();
  }

  private static Optional<Instant> lastKill(Pacing pacing, TaskRecord r) {
    return Optional.ofNullable(pacing.kills().get(r.taskId().getValue()));
  }
}

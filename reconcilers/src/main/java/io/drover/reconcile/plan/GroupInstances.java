package io.drover.reconcile.plan;

import io.drover.api.model.PodExecutor;
import io.drover.api.model.PodSpec;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * Instances of pods with {@code executor: default}: their tasks run as task groups on one Mesos
 * default executor per instance, as the DC/OS SDK runs pods. The default executor of Mesos 1.11
 * takes down the tasks of a LAUNCH_GROUP when one of them fails or is killed, but never the tasks
 * of its other LAUNCH_GROUPs and never because a task finished; so Drover launches the essential
 * tasks in one LAUNCH_GROUP and each non-essential task in its own, and enforces the rest itself:
 * when an essential task ended and must run again, the whole instance comes down and is
 * relaunched together, on a new executor; a non-essential task is relaunched alone, into the
 * executor that still runs its siblings.
 */
public final class GroupInstances {

  private GroupInstances() {}

  /** Whether the pod's instances run as task groups. */
  public static boolean isGroup(Target target, String pod) {
    PodSpec spec = target.spec().pods().get(pod);
    return spec != null && spec.executor() == PodExecutor.DEFAULT;
  }

  /** Whether the task's end takes its instance down (the default). */
  public static boolean essential(TaskSpec spec) {
    return !Boolean.FALSE.equals(spec.essential());
  }

  /** Whether a launch ran as a task of a group (its stored TaskInfo names its executor). */
  public static boolean launchedInGroup(TaskRecord r) {
    return r.info().hasExecutor();
  }

  /**
   * Whether a group instance must come down and be relaunched whole: one of its essential tasks
   * ended and must run again.
   */
  public static boolean down(InstanceView v) {
    if (!isGroup(v.target(), v.id().pod())) {
      return false;
    }
    return v.slots().stream()
        .anyMatch(
            s ->
                essential(s.spec())
                    && s.record() != null
                    && s.record().condition().terminal()
                    && TaskJudge.wantsLaunch(s, v.target()));
  }

  /** The tasks to kill so that a group instance that is {@link #down} comes down whole. */
  public static List<TaskRecord> toBringDown(InstanceView v) {
    if (!down(v)) {
      return List.of();
    }
    return v.records().stream().filter(r -> r.condition().active()).toList();
  }

  /**
   * The executor that runs the instance's tasks while one of them has not ended, as launched (with
   * its resources), to launch more tasks into.
   */
  public static Optional<ExecutorInfo> running(InstanceView v) {
    Optional<String> alive =
        v.records().stream()
            .filter(r -> launchedInGroup(r) && !r.condition().terminal())
            .map(r -> r.info().getExecutor().getExecutorId().getValue())
            .findFirst();
    return alive.flatMap(
        id ->
            holder(v)
                .map(r -> r.info().getExecutor())
                .filter(e -> e.getExecutorId().getValue().equals(id)));
  }

  /**
   * The launch whose stored TaskInfo carries the instance's executor with its resources: one task
   * of each executor does, so that its reservations belong to exactly one record.
   */
  public static Optional<TaskRecord> holder(InstanceView v) {
    return v.records().stream()
        .filter(r -> r.info().getExecutor().getResourcesCount() > 0)
        .findFirst();
  }
}

package io.drover.reconcile.plan;

import io.drover.api.model.Goal;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.pod.TaskSpecDigest;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;

/**
 * How one task's latest launch stands against its target spec. These predicates are the whole
 * definition of "deployed": plans, recovery and kills are all derived from them.
 */
public final class TaskJudge {

  private TaskJudge() {}

  public static Goal goal(TaskSpec spec) {
    return spec.goal() == null ? Goal.RUNNING : spec.goal();
  }

  /**
   * Whether the launch carries the target's spec: same spec digest for RUNNING; same configuration
   * for FINISH (it runs again after every change); for ONCE, finished once or same digest. A launch
   * as a command task where the pod now runs task groups (or the other way round) is not.
   */
  public static boolean atTarget(TaskRecord r, TaskSpec spec, Target target) {
    if (r == null) {
      return false;
    }
    boolean same =
        r.specDigest().equals(TaskSpecDigest.of(spec))
            && GroupInstances.launchedInGroup(r) == GroupInstances.isGroup(target, r.taskName().pod());
    return switch (goal(spec)) {
      case RUNNING -> same;
      case FINISH -> r.specHash().equals(target.specHash()) && same;
      case ONCE -> (r.goalReached() && r.condition() == TaskCondition.FINISHED) || same;
    };
  }

  /** Deployed: at target and reached its goal at least once there. */
  public static boolean done(TaskRecord r, TaskSpec spec, Target target) {
    return atTarget(r, spec, target) && r.goalReached();
  }

  /**
   * Whether the task must be launched (again) once nothing of it runs: it never ran, runs an older
   * spec, or ended without (still) being at its goal.
   */
  public static boolean wantsLaunch(TaskRecord r, TaskSpec spec, Target target) {
    if (r == null) {
      return true;
    }
    if (!atTarget(r, spec, target)) {
      return true;
    }
    TaskCondition c = r.condition();
    if (!c.terminal()) {
      return false;
    }
    return goal(spec) == Goal.RUNNING || c != TaskCondition.FINISHED;
  }
}

package io.drover.reconcile.plan;

import io.drover.api.model.Goal;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.plan.InstanceView.Slot;
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
   *
   * @param slot a task of {@code target} and its latest launch
   */
  public static boolean atTarget(Slot slot, Target target) {
    TaskRecord r = slot.record();
    if (r == null) {
      return false;
    }
    boolean same =
        r.specDigest().equals(target.digest(slot.name()))
            && GroupInstances.launchedInGroup(r) == GroupInstances.isGroup(target, slot.name().pod());
    return switch (goal(slot.spec())) {
      case RUNNING -> same;
      case FINISH -> r.specHash().equals(target.specHash()) && same;
      case ONCE -> (r.goalReached() && r.condition() == TaskCondition.FINISHED) || same;
    };
  }

  /** Deployed: at target and reached its goal at least once there. */
  public static boolean done(Slot slot, Target target) {
    return atTarget(slot, target) && slot.record().goalReached();
  }

  /**
   * Whether the task must be launched (again) once nothing of it runs: it never ran, runs an older
   * spec, or ended without (still) being at its goal.
   */
  public static boolean wantsLaunch(Slot slot, Target target) {
    TaskRecord r = slot.record();
    if (r == null) {
      return true;
    }
    if (!atTarget(slot, target)) {
      return true;
    }
    TaskCondition c = r.condition();
    if (!c.terminal()) {
      return false;
    }
    return goal(slot.spec()) == Goal.RUNNING || c != TaskCondition.FINISHED;
  }
}

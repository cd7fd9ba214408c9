package io.drover.reconcile.state;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The task state machine: which Mesos states mean what, and which updates are taken. A terminal
 * state is final: a later non-terminal update for the same task id (a stale reconciliation answer)
 * is ignored, as is a second terminal one. UNREACHABLE is not terminal: the task may come back
 * RUNNING when its agent re-registers.
 */
public final class TaskStateMachine {

  private TaskStateMachine() {}

  /** The condition of a task whose latest status is {@code status} (null: none yet). */
  public static TaskCondition condition(TaskStatus status) {
    if (status == null) {
      return TaskCondition.LAUNCHED;
    }
    return condition(status.getState(), status.getReason());
  }

  static TaskCondition condition(TaskState state, TaskStatus.Reason reason) {
    return switch (state) {
      case TASK_STAGING, TASK_STARTING -> TaskCondition.STARTING;
      case TASK_RUNNING -> TaskCondition.RUNNING;
      case TASK_KILLING -> TaskCondition.KILLING;
      case TASK_UNREACHABLE -> TaskCondition.UNREACHABLE;
      case TASK_FINISHED -> TaskCondition.FINISHED;
        // A reconciliation answer of TASK_GONE means "unknown task on a registered agent": the
        // agent (and our reservations there) is alive, the task simply never ran or is long gone.
      case TASK_GONE ->
          reason == TaskStatus.Reason.REASON_RECONCILIATION
              ? TaskCondition.FAILED
              : TaskCondition.GONE;
      case TASK_GONE_BY_OPERATOR, TASK_UNKNOWN -> TaskCondition.GONE;
      default -> TaskCondition.FAILED;
    };
  }

  /**
   * The status to keep after {@code incoming} arrives for a task whose latest status is {@code
   * previous}: {@code previous} itself when the update must be ignored. Health and readiness are
   * carried over from an update of the same state that did not repeat them.
   */
  public static TaskStatus apply(TaskStatus previous, TaskStatus incoming) {
    if (previous == null) {
      return incoming;
    }
    if (condition(previous).terminal()) {
      return previous;
    }
    if (previous.getState() != incoming.getState()) {
      return incoming;
    }
    TaskStatus.Builder b = incoming.toBuilder();
    if (!incoming.hasHealthy() && previous.hasHealthy()) {
      b.setHealthy(previous.getHealthy());
    }
    if (!incoming.hasCheckStatus() && previous.hasCheckStatus()) {
      b.setCheckStatus(previous.getCheckStatus());
    }
    return b.build();
  }

  /** Whether the status came from the agent or its executor, proving the launch reached it. */
  public static boolean fromAgent(TaskStatus status) {
    return status.getSource() == TaskStatus.Source.SOURCE_AGENT
        || status.getSource() == TaskStatus.Source.SOURCE_EXECUTOR;
  }

  /** A launch the master refused because the offer was stale or invalid: no fault of the task. */
  public static boolean invalidOffer(TaskStatus status) {
    return status.getReason() == TaskStatus.Reason.REASON_INVALID_OFFERS;
  }
}

package io.drover.reconcile.state;

import java.time.Instant;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;

/**
 * The task state machine: which Mesos states mean what, and which updates are taken. A terminal
 * state is final: a later non-terminal update for the same task id (a stale reconciliation answer)
 * is ignored, as is a second terminal one. UNREACHABLE is not terminal: the task may come back
 * RUNNING when its agent re-registers. What Mesos later says about the agent of a task that ended
 * is kept apart ({@link #agentStatus}): the task stays ended, its reservations may be gone.
 */
public final class TaskStateMachine {

  private TaskStateMachine() {}

  /** The condition of a task whose latest status is {@code status} (null: none yet). */
  public static TaskCondition condition(TaskStatus status) {
    if (status == null) {
      return TaskCondition.LAUNCHED;
    }
    if (status.getState() == TaskState.TASK_LOST && status.getReason() == TaskStatus.Reason.REASON_AGENT_REMOVED) {
      // Master::_removeSlave: the agent was removed (a new one registered at its address, or it
      // shut down) and may never come back under its id. Drover is PARTITION_AWARE, so the master
      // sends TASK_UNREACHABLE, not TASK_LOST, for an agent that is merely unreachable.
      return TaskCondition.GONE;
    }
    return of(status.getState());
  }

  private static TaskCondition of(TaskState state) {
    return switch (state) {
      case TASK_STAGING, TASK_STARTING -> TaskCondition.STARTING;
      case TASK_RUNNING -> TaskCondition.RUNNING;
      case TASK_KILLING -> TaskCondition.KILLING;
      case TASK_UNREACHABLE -> TaskCondition.UNREACHABLE;
      case TASK_FINISHED -> TaskCondition.FINISHED;
        // Mesos 1.11 sends TASK_GONE only while the agent is alive: the master answers it to a
        // reconciliation of a task unknown on a registered agent, the agent sends it for a task
        // whose container it lost or could not update. The reservations are still there.
      case TASK_GONE -> TaskCondition.FAILED;
        // The agent is gone (marked gone by an operator, or unknown to the master): so are the
        // reservations on it.
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

  /**
   * Mesos's word on the agent of a task that had already ended, once {@code incoming} arrives: the
   * answer itself when it says the agent is gone or unreachable (TASK_UNKNOWN, TASK_GONE_BY_OPERATOR,
   * a removed agent, TASK_UNREACHABLE), null when it proves the agent registered (TASK_GONE: the
   * master asked a registered agent, which does not know the task; or anything the agent sent), and
   * {@code previous} otherwise. A repeated UNREACHABLE keeps the first one.
   */
  public static TaskStatus agentStatus(TaskStatus previous, TaskStatus incoming) {
    TaskCondition c = condition(incoming);
    if (c == TaskCondition.GONE || c == TaskCondition.UNREACHABLE) {
      boolean same = previous != null && condition(previous) == c && unreachableSince(previous).equals(unreachableSince(incoming));
      return same ? previous : incoming;
    }
    if (incoming.getState() == TaskState.TASK_GONE || fromAgent(incoming)) {
      return null;
    }
    return previous;
  }

  /** When the agent of an UNREACHABLE status became unreachable (its unreachable_time); empty otherwise. */
  public static Optional<Instant> unreachableSince(TaskStatus status) {
    if (status.getState() != TaskState.TASK_UNREACHABLE || !status.hasUnreachableTime()) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(0, status.getUnreachableTime().getNanoseconds()));
  }

  /**
   * {@code status}, with {@code now} as its unreachable time when it is UNREACHABLE without one
   * (Mesos always sets it; this keeps the replacement deadline defined for anything else).
   */
  public static TaskStatus stamped(TaskStatus status, Instant now) {
    if (status.getState() != TaskState.TASK_UNREACHABLE || status.hasUnreachableTime()) {
      return status;
    }
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return status.toBuilder().setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(nanos)).build();
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

package io.drover.reconcile.state;

import java.util.Locale;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Why a task ended, in words, from what Mesos said: its final state, reason, source and message.
 * Mesos's command executor marks a task it killed because its health check failed with
 * {@code healthy: false} on the final TASK_KILLED (and no reason); the check gave up after the
 * health check's {@code consecutive_failures}, so that is how many times it failed in a row. Pure.
 */
public final class TaskEnding {
  /** Mesos's default {@code consecutive_failures}. */
  private static final int MESOS_DEFAULT_FAILURES = 3;

  private TaskEnding() {}

  /** Why the task ended, or empty while it has not (or nothing is known). */
  public static Optional<String> cause(TaskInfo info, TaskStatus status) {
    if (status == null || !TaskStateMachine.condition(status).terminal()) {
      return Optional.empty();
    }
    String mesos = mesosSays(status);
    String because = status.hasReason() ? reason(status.getReason()) : null;
    String what = switch (status.getState()) {
      case TASK_FINISHED -> "finished";
      case TASK_FAILED -> "failed" + (because == null ? "" : ": " + because);
      case TASK_KILLED -> killedBy(info, status);
      case TASK_ERROR -> "was refused by Mesos" + (because == null ? "" : ": " + because);
      default -> "ended " + status.getState().name() + (because == null ? "" : ": " + because);
    };
    return Optional.of(what + (mesos.isEmpty() ? "" : "; " + mesos));
  }

  private static String killedBy(TaskInfo info, TaskStatus status) {
    if (status.hasHealthy() && !status.getHealthy()) {
      int failures = info.hasHealthCheck() && info.getHealthCheck().hasConsecutiveFailures()
          ? info.getHealthCheck().getConsecutiveFailures() : MESOS_DEFAULT_FAILURES;
      return "was killed after its health check failed " + failures + " time" + (failures == 1 ? "" : "s")
          + " in a row (the check's output is in the task's stderr)";
    }
    String because = status.hasReason() ? reason(status.getReason()) : null;
    return "was killed" + (because == null ? "" : ": " + because);
  }

  /** What Mesos itself said, e.g. {@code Mesos (executor): Command exited with status 1}; empty if nothing. */
  public static String mesosSays(TaskStatus status) {
    if (status.getMessage().isEmpty() && !status.hasReason()) {
      return "";
    }
    String source = status.hasSource()
        ? " (" + status.getSource().name().replace("SOURCE_", "").toLowerCase(Locale.ROOT) + ")" : "";
    String message = status.getMessage().isEmpty() ? "" : status.getMessage();
    String reason = status.hasReason() ? status.getReason().name() : "";
    return "Mesos" + source + ": " + message + (!message.isEmpty() && !reason.isEmpty() ? ", " : "") + reason;
  }

  /** Words for the reasons people meet most; null when the reason says nothing more than the state. */
  private static String reason(TaskStatus.Reason r) {
    return switch (r) {
      case REASON_CONTAINER_LIMITATION_MEMORY -> "it used more memory than its limit";
      case REASON_CONTAINER_LIMITATION_DISK -> "it used more disk than its limit";
      case REASON_CONTAINER_LIMITATION -> "it went over a limit of its container";
      case REASON_CONTAINER_LAUNCH_FAILED -> "its container could not be launched";
      case REASON_COMMAND_EXECUTOR_FAILED, REASON_EXECUTOR_TERMINATED -> "its executor ended";
      case REASON_AGENT_REMOVED -> "its agent was removed from the cluster";
      case REASON_AGENT_RESTARTED -> "its agent restarted";
      case REASON_AGENT_DISCONNECTED -> "its agent disconnected";
      case REASON_INVALID_OFFERS -> "the offer it was launched on was no longer valid";
      case REASON_TASK_INVALID -> "the task is invalid";
      case REASON_MAX_COMPLETION_TIME_REACHED -> "it ran past its maximum completion time";
      case REASON_TASK_KILLED_DURING_LAUNCH -> "it was killed while launching";
      case REASON_FRAMEWORK_REMOVED -> "the framework was removed";
      default -> null;
    };
  }
}

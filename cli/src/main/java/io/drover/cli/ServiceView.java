package io.drover.cli;

import io.drover.api.model.Goal;
import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import java.time.Instant;
import java.util.List;

/**
 * What the CLI shows of one service: its desired document and its status together. Either may be
 * missing: no status yet (the controller has not acted), or no desired document (being
 * uninstalled).
 *
 * @param name the service
 * @param desired the stored document, or null
 * @param status the stored status, or null
 */
record ServiceView(String name, DesiredDocument desired, StatusDocument status) {

  private static final String RUNNING = "TASK_RUNNING";

  /** The current status, or null when there is none or it is unreadable. */
  ServiceStatus serviceStatus() {
    return status == null ? null : status.status();
  }

  /** Invalid when the newest document is invalid, else the controller's phase. */
  String phase() {
    if (desired != null && !desired.valid()) {
      return Phase.INVALID.json();
    }
    if (status == null) {
      return desired == null ? "Gone" : Phase.PENDING.json();
    }
    ServiceStatus s = status.status();
    return s == null || s.phase() == null ? "Unknown" : s.phase().json();
  }

  /** The generation as text, or {@code -}. */
  String generation() {
    return desired == null ? "-" : Long.toString(desired.generation());
  }

  /** The generation the controller last acted on, or {@code -}. */
  String observed() {
    ServiceStatus s = serviceStatus();
    return s == null ? "-" : Long.toString(s.observedGeneration());
  }

  /** {@code ready/desired} tasks; {@code -} for a part that is unknown. */
  String ready() {
    ServiceStatus s = serviceStatus();
    String running = s == null ? "-" : Long.toString(readyTasks(s.tasks()));
    Integer wanted = desiredTasks();
    return running + "/" + (wanted == null ? "-" : wanted);
  }

  /** When the service was created, or null when only its status is left. */
  Instant created() {
    return desired == null ? null : desired.created();
  }

  /** Long-running tasks the spec asks for: every pod's count times its RUNNING tasks. */
  Integer desiredTasks() {
    if (desired == null || !desired.valid()) {
      return null;
    }
    ServiceResource resource = desired.loaded().resource();
    if (resource.spec() == null || resource.spec().pods() == null) {
      return 0;
    }
    int total = 0;
    for (PodSpec pod : resource.spec().pods().values()) {
      long running = pod.tasks() == null ? 0 : pod.tasks().values().stream()
          .map(TaskSpec::goal)
          .filter(g -> g == null || g == Goal.RUNNING)
          .count();
      total += (pod.count() == null ? 1 : pod.count()) * (int) running;
    }
    return total;
  }

  private static long readyTasks(List<TaskRow> tasks) {
    if (tasks == null) {
      return 0;
    }
    return tasks.stream()
        .filter(t -> RUNNING.equals(t.state()))
        .filter(t -> !Boolean.FALSE.equals(t.ready()) && !Boolean.FALSE.equals(t.healthy()))
        .count();
  }

  /** A one-line summary of where a service stands, for progress and timeout messages. */
  String summary() {
    if (desired == null && status == null) {
      return "it does not exist";
    }
    StringBuilder b = new StringBuilder(phase());
    if (desired == null) {
      b.append(", document deleted, uninstall in progress");
    } else if (!desired.valid()) {
      b.append(": ").append(desired.loaded().problems().get(0));
      return b.toString();
    }
    b.append(", ").append(ready()).append(" ready");
    ServiceStatus current = serviceStatus();
    if (current == null) {
      return b.append(desired == null ? "" : ", not yet observed by the controller")
          .toString();
    }
    if (desired != null && current.observedGeneration() < desired.generation()) {
      b.append(", generation ").append(desired.generation())
          .append(" not yet observed (at ").append(current.observedGeneration()).append(")");
    }
    Condition readiness = current.condition(Condition.READY);
    if (readiness != null) {
      b.append(", Ready=").append(readiness.status());
      if (readiness.reason() != null) {
        b.append(" (").append(readiness.reason())
            .append(readiness.message() == null ? "" : ": " + readiness.message()).append(")");
      }
    }
    return b.toString();
  }
}

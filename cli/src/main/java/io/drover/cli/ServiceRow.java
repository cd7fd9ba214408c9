package io.drover.cli;

import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.StatusDocument;
import java.time.Instant;
import java.util.List;

/**
 * One service as {@code get}'s table shows it: the facts of its desired document and its status.
 * Either may be missing: no status yet (the controller has not acted), or no desired document
 * (being uninstalled).
 *
 * @param name the service
 * @param document the desired document's facts, or null when there is no document
 * @param status the stored status, or null
 */
record ServiceRow(String name, DocumentFacts document, StatusDocument status) {

  private static final String RUNNING = "TASK_RUNNING";

  /** The current status, or null when there is none or it is unreadable. */
  ServiceStatus serviceStatus() {
    return status == null ? null : status.status();
  }

  /** Invalid when the newest document is invalid, else the controller's phase. */
  String phase() {
    if (document != null && !document.valid()) {
      return Phase.INVALID.json();
    }
    if (status == null) {
      return document == null ? "Gone" : Phase.PENDING.json();
    }
    ServiceStatus s = status.status();
    return s == null || s.phase() == null ? "Unknown" : s.phase().json();
  }

  /** The generation as text, or {@code -}. */
  String generation() {
    return document == null ? "-" : Long.toString(document.generation());
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
    Integer wanted = document == null ? null : document.desiredTasks();
    return running + "/" + (wanted == null ? "-" : wanted);
  }

  /** When the service was created, or null when only its status is left. */
  Instant created() {
    return document == null ? null : document.created();
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
}

package io.drover.cli;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import java.time.Instant;

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

  /** The current status, or null when there is none or it is unreadable. */
  ServiceStatus serviceStatus() {
    return status == null ? null : status.status();
  }

  /** What {@code get}'s table shows of this service. */
  ServiceRow row() {
    return new ServiceRow(name, desired == null ? null : DocumentFacts.of(desired), status);
  }

  /** Invalid when the newest document is invalid, else the controller's phase. */
  String phase() {
    return row().phase();
  }

  /** The generation as text, or {@code -}. */
  String generation() {
    return row().generation();
  }

  /** The generation the controller last acted on, or {@code -}. */
  String observed() {
    return row().observed();
  }

  /** {@code ready/desired} tasks; {@code -} for a part that is unknown. */
  String ready() {
    return row().ready();
  }

  /** When the service was created, or null when only its status is left. */
  Instant created() {
    return desired == null ? null : desired.created();
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

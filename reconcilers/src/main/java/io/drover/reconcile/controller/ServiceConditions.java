package io.drover.reconcile.controller;

import io.drover.reconcile.service.ObservedService;
import io.drover.api.status.Condition;
import io.drover.reconcile.service.ObservedService.Lifecycle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The four conditions of a service's status (Accepted, Ready, Progressing, Degraded), each with a
 * CamelCase reason and a sentence for people. A condition keeps its previous
 * {@code lastTransitionTime} while its status stays the same.
 */
final class ServiceConditions {
  private ServiceConditions() {}

  static List<Condition> derive(ServiceSnapshot s, List<Condition> previous, Instant now) {
    return List.of(
        stamp(accepted(s), previous, now),
        stamp(ready(s), previous, now),
        stamp(progressing(s), previous, now),
        stamp(degraded(s), previous, now));
  }

  private static Condition accepted(ServiceSnapshot s) {
    DesiredService d = s.desired();
    ObservedService o = s.observed();
    if (d == null) {
      return of(Condition.ACCEPTED, Condition.FALSE, "Deleted", "the document was deleted; the service is being uninstalled");
    }
    if (!d.valid()) {
      return of(Condition.ACCEPTED, Condition.FALSE, "InvalidSpec",
          "generation " + d.generation() + " is invalid (" + errorCount(d.errors().size()) + "): "
              + String.join("; ", d.errors()) + keepsRunning(o));
    }
    if (o != null && o.uninstalling()) {
      return of(Condition.ACCEPTED, Condition.UNKNOWN, "AwaitingTeardown",
          "re-created while the previous instance is being uninstalled; it is installed once the teardown completes");
    }
    if (s.rejected() && s.rejection().waitingForSecrets()) {
      return of(Condition.ACCEPTED, Condition.FALSE, "WaitingForSecrets",
          "generation " + d.generation() + " waits for secrets: " + String.join("; ", s.rejection().reasons())
              + keepsRunning(o));
    }
    if (s.rejected()) {
      return of(Condition.ACCEPTED, Condition.FALSE, "UpdateRejected",
          "the scheduler refused generation " + d.generation() + ": "
              + String.join("; ", s.rejection().reasons()) + keepsRunning(o));
    }
    if (!s.upToDate()) {
      return of(Condition.ACCEPTED, Condition.UNKNOWN, "Pending",
          "generation " + d.generation() + " is being handed to the scheduler");
    }
    return of(Condition.ACCEPTED, Condition.TRUE, "Accepted",
        "the scheduler targets generation " + d.generation());
  }

  private static Condition ready(ServiceSnapshot s) {
    ObservedService o = s.observed();
    if (o == null) {
      return of(Condition.READY, Condition.FALSE, "NotDeployed", "no task has been launched yet");
    }
    String tasks = TaskSummary.of(o.tasks());
    if (s.desired() == null || o.uninstalling()) {
      return of(Condition.READY, Condition.FALSE, "Uninstalling", tasks);
    }
    boolean targetReached = s.upToDate() || s.rejected() || !s.desired().valid();
    return switch (o.lifecycle()) {
      case RUNNING -> targetReached
          ? of(Condition.READY, Condition.TRUE, "Running", tasks)
          : of(Condition.READY, Condition.FALSE, "UpdatePending", tasks + "; a new spec is on its way");
      case DEPLOYING -> of(Condition.READY, Condition.FALSE, "Deploying", tasks);
      case UPDATING -> of(Condition.READY, Condition.FALSE, "Updating", tasks);
      case DEGRADED -> of(Condition.READY, Condition.FALSE, "Degraded", tasks);
      case UNINSTALLING -> of(Condition.READY, Condition.FALSE, "Uninstalling", tasks);
    };
  }

  private static Condition progressing(ServiceSnapshot s) {
    DesiredService d = s.desired();
    ObservedService o = s.observed();
    if (d == null || (o != null && o.uninstalling())) {
      return of(Condition.PROGRESSING, Condition.TRUE, "Uninstalling", withMessage("tearing the service down", o));
    }
    if (d.valid() && !s.upToDate() && !s.rejected()) {
      return of(Condition.PROGRESSING, Condition.TRUE, "Pending",
          "handing generation " + d.generation() + " to the scheduler");
    }
    if (o != null && o.lifecycle() == Lifecycle.DEPLOYING) {
      return of(Condition.PROGRESSING, Condition.TRUE, "Deploying", withMessage("deploy plan in progress", o));
    }
    if (o != null && o.lifecycle() == Lifecycle.UPDATING) {
      return of(Condition.PROGRESSING, Condition.TRUE, "Updating", withMessage("rolling out the new spec", o));
    }
    return of(Condition.PROGRESSING, Condition.FALSE, "Idle", "no rollout in progress");
  }

  private static Condition degraded(ServiceSnapshot s) {
    ObservedService o = s.observed();
    if (o != null && o.lifecycle() == Lifecycle.DEGRADED) {
      return of(Condition.DEGRADED, Condition.TRUE, "TasksNotAtGoal",
          withMessage("some tasks are not at their goal; recovery is under way", o));
    }
    // A replacement on a new, empty volume stays worth knowing after the recovery is over.
    String latest = o == null || o.message() == null || o.message().isBlank() ? "" : "; latest event: " + o.message();
    return of(Condition.DEGRADED, Condition.FALSE, "AsExpected", "no task is failing" + latest);
  }

  private static String keepsRunning(ObservedService o) {
    return o != null && !o.uninstalling()
        ? "; still running generation " + o.generation()
        : "";
  }

  private static String withMessage(String text, ObservedService o) {
    return o == null || o.message() == null || o.message().isBlank() ? text : text + ": " + o.message();
  }

  private static String errorCount(int n) {
    return n == 1 ? "1 error" : n + " errors";
  }

  private static Condition of(String type, String status, String reason, String message) {
    return new Condition(type, status, reason, message, null);
  }

  /** Sets lastTransitionTime: the previous one while the status is unchanged, else now. */
  private static Condition stamp(Condition c, List<Condition> previous, Instant now) {
    String time = now.truncatedTo(ChronoUnit.MILLIS).toString();
    if (previous != null) {
      for (Condition p : previous) {
        if (p.type().equals(c.type()) && p.status().equals(c.status()) && p.lastTransitionTime() != null) {
          time = p.lastTransitionTime();
        }
      }
    }
    return new Condition(c.type(), c.status(), c.reason(), c.message(), time);
  }
}

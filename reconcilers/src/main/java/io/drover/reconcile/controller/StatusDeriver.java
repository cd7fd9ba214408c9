package io.drover.reconcile.controller;

import io.drover.reconcile.service.EventHistory;
import io.drover.reconcile.service.ObservedService;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Derives a service's status from a snapshot, as a pure function. Deriving twice from the same
 * inputs gives equal statuses (condition timestamps are carried over from {@code previous} while a
 * condition's status is unchanged), so the writer can skip writes when nothing changed.
 *
 * <p>The event history is the stored one with the scheduler's newer events added ({@link
 * EventHistory#merge}), so it outlives a leader.
 *
 * <p>observedGeneration is the desired generation once the controller has fully processed it: the
 * scheduler targets that spec, or the document was found invalid, or the scheduler refused it.
 * Until then it stays at its previous value.
 */
public final class StatusDeriver {
  private StatusDeriver() {}

  /**
   * @param previous the status as last written, or null
   * @param now the time to stamp on conditions that change
   * @return the status, or empty when the service is gone (neither desired nor running) and its
   *     status node should be removed
   */
  public static Optional<ServiceStatus> derive(ServiceSnapshot s, ServiceStatus previous, Instant now) {
    if (s.desired() == null && s.observed() == null) {
      return Optional.empty();
    }
    ObservedService observed = s.observed();
    boolean running = observed != null && !observed.uninstalling();
    return Optional.of(
        new ServiceStatus(
            observedGeneration(s, previous),
            running ? observed.specHash() : null,
            phase(s),
            ServiceConditions.derive(s, previous == null ? null : previous.conditions(), now),
            observed == null ? List.of() : observed.plans(),
            observed == null ? List.of() : observed.tasks(),
            errors(s),
            null,
            EventHistory.merge(previous == null ? null : previous.events(), observed == null ? List.of() : observed.events())));
  }

  static Phase phase(ServiceSnapshot s) {
    ObservedService observed = s.observed();
    if (s.desired() == null || (observed != null && observed.uninstalling())) {
      return Phase.UNINSTALLING;
    }
    if (!s.desired().valid()) {
      return Phase.INVALID;
    }
    if (observed == null) {
      return Phase.PENDING;
    }
    return switch (observed.lifecycle()) {
      case DEPLOYING -> Phase.DEPLOYING;
      case UPDATING -> Phase.UPDATING;
      case DEGRADED -> Phase.DEGRADED;
      case UNINSTALLING -> Phase.UNINSTALLING;
      // Running the old spec while the new one is on its way to the scheduler.
      case RUNNING -> s.upToDate() || s.rejected() ? Phase.RUNNING : Phase.UPDATING;
    };
  }

  private static long observedGeneration(ServiceSnapshot s, ServiceStatus previous) {
    DesiredService desired = s.desired();
    boolean processed = desired != null && (!desired.valid() || s.upToDate() || s.rejected());
    if (processed) {
      return desired.generation();
    }
    return previous == null ? 0 : previous.observedGeneration();
  }

  private static List<String> errors(ServiceSnapshot s) {
    if (s.desired() != null && !s.desired().valid()) {
      return s.desired().errors();
    }
    return s.rejected() ? s.rejection().reasons() : List.of();
  }
}

package io.drover.reconcile.controller;

import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.service.ObservedService.Lifecycle;

/**
 * The reconcile decision for one service: desired against observed, as a pure function.
 *
 * <ul>
 *   <li>desired absent, service running: uninstall; already uninstalling or unknown: nothing.
 *   <li>desired invalid: mark it invalid; a running service keeps its last good spec.
 *   <li>desired valid and unknown to the scheduler, or with a different spec hash: put it, unless
 *       the scheduler already refused exactly this spec.
 *   <li>desired valid while the old instance is still uninstalling: nothing yet; the service is
 *       installed by the reconcile that follows the teardown's completion.
 * </ul>
 */
public final class DocumentReconciler {
  private DocumentReconciler() {}

  public static Decision decide(ServiceSnapshot s) {
    DesiredService desired = s.desired();
    ObservedService observed = s.observed();
    if (desired == null) {
      if (observed == null) {
        return Decision.nothing("no document and nothing running");
      }
      return observed.lifecycle() == Lifecycle.UNINSTALLING
          ? Decision.nothing("teardown in progress")
          : Decision.uninstall();
    }
    if (!desired.valid()) {
      return Decision.markInvalid(desired.errors());
    }
    if (observed == null) {
      return Decision.put(desired.target());
    }
    if (observed.uninstalling()) {
      return Decision.nothing("re-created while uninstalling: installs once the teardown completes");
    }
    if (desired.specHash().equals(observed.specHash())) {
      return Decision.nothing("up to date");
    }
    if (s.rejected()) {
      return Decision.nothing("the scheduler refused this spec: " + String.join("; ", s.rejection().reasons()));
    }
    return Decision.put(desired.target());
  }
}

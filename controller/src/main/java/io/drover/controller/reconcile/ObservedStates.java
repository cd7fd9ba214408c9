package io.drover.controller.reconcile;

import io.drover.controller.scheduler.ServiceState;
import io.drover.reconcile.controller.ObservedService;

/** Maps the scheduler's {@link ServiceState} to the observed model of the pure decision code. */
final class ObservedStates {
  private ObservedStates() {}

  static ObservedService of(ServiceState s) {
    if (s == null) {
      return null;
    }
    return new ObservedService(
        s.generation(),
        s.specHash(),
        ObservedService.Lifecycle.valueOf(s.lifecycle().name()),
        s.plans(),
        s.tasks(),
        s.message());
  }
}

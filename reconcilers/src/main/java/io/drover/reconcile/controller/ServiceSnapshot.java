package io.drover.reconcile.controller;

import io.drover.reconcile.service.ObservedService;
import java.util.Objects;

/**
 * Everything the reconcile decision and the status derivation look at for one service, at one
 * moment: the desired document, the scheduler's observed state and a remembered rejection. Any of
 * the three may be absent (null).
 *
 * @param desired the user's document, or null when there is none
 * @param observed the scheduler's view, or null when the scheduler does not know the service
 * @param rejection the last update the scheduler refused, or null
 */
public record ServiceSnapshot(
    String name, DesiredService desired, ObservedService observed, Rejection rejection) {

  public ServiceSnapshot {
    Objects.requireNonNull(name, "name");
    if (desired != null && !desired.name().equals(name)) {
      throw new IllegalArgumentException("desired document " + desired.name() + " is not " + name);
    }
  }

  /** True when a rejection exists and is about the current desired spec. */
  public boolean rejected() {
    return rejection != null && rejection.covers(desired);
  }

  /** True when the scheduler's accepted target is the desired spec. */
  public boolean upToDate() {
    return desired != null
        && desired.valid()
        && observed != null
        && !observed.uninstalling()
        && desired.specHash().equals(observed.specHash());
  }
}

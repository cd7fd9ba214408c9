package io.drover.controller.scheduler;

import java.util.List;

/** A configuration update the scheduler refused; the previous target keeps running. */
public final class UpdateRejectedException extends Exception {
  private final List<String> reasons;

  public UpdateRejectedException(List<String> reasons) {
    super(String.join("; ", reasons));
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}

package io.drover.reconcile.controller;

import java.util.List;
import java.util.Objects;

/**
 * The stored outcome of an update the scheduler refused (e.g. a volume resized): remembered so the
 * same spec is not offered again at every resync, and shown in status until the document changes.
 *
 * @param specHash the refused spec's hash
 * @param generation the refused document's generation
 * @param reasons why, as the scheduler said
 */
public record Rejection(String specHash, long generation, List<String> reasons) {
  public Rejection {
    Objects.requireNonNull(specHash, "specHash");
    reasons = List.copyOf(reasons);
  }

  /** True when this rejection is about the given desired document's spec. */
  public boolean covers(DesiredService desired) {
    return desired != null && desired.valid() && specHash.equals(desired.specHash());
  }
}

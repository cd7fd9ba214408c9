package io.drover.reconcile.controller;

import java.util.List;
import java.util.Objects;

/**
 * The stored outcome of an update the scheduler refused (e.g. a volume resized), or of a document
 * held back because secrets it uses do not exist yet: remembered so the same spec is not offered
 * again at every resync, and shown in status until the document (or the secrets) change.
 *
 * @param specHash the refused spec's hash
 * @param generation the refused document's generation
 * @param reasons why, as the scheduler said (or which secrets are missing)
 * @param waitingForSecrets the document waits for secrets; the scheduler has not seen it
 */
public record Rejection(String specHash, long generation, List<String> reasons, boolean waitingForSecrets) {
  public Rejection {
    Objects.requireNonNull(specHash, "specHash");
    reasons = List.copyOf(reasons);
  }

  /** An update the scheduler refused. */
  public Rejection(String specHash, long generation, List<String> reasons) {
    this(specHash, generation, reasons, false);
  }

  /** A document held back until the secrets it uses exist. */
  public static Rejection waitingForSecrets(DesiredService desired, List<String> missing) {
    return new Rejection(desired.specHash(), desired.generation(), missing, true);
  }

  /** True when this rejection is about the given desired document's spec. */
  public boolean covers(DesiredService desired) {
    return desired != null && desired.valid() && specHash.equals(desired.specHash());
  }
}

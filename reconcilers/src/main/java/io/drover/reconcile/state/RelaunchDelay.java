package io.drover.reconcile.state;

import java.time.Instant;

/** Relaunch backoff of one task after failures: no relaunch before {@code notBefore}. */
public record RelaunchDelay(int failures, Instant notBefore) {

  /**
   * The delay after one more failure at {@code now}, by {@code policy}. A task that stayed up for
   * longer than the policy's maximum after its last delay ended starts over.
   */
  public static RelaunchDelay after(RelaunchDelay previous, Instant now, Backoff policy) {
    boolean fresh = previous == null || now.isAfter(previous.notBefore.plus(policy.max()));
    int failures = fresh ? 1 : previous.failures + 1;
    return new RelaunchDelay(failures, now.plus(policy.delay(failures)));
  }

  public boolean blocks(Instant now) {
    return now.isBefore(notBefore);
  }
}

package io.drover.reconcile.state;

import java.time.Duration;
import java.time.Instant;

/** Relaunch backoff of one task after failures: no relaunch before {@code notBefore}. */
public record Backoff(int failures, Instant notBefore) {

  /**
   * The backoff after one more failure at {@code now}: initial, doubling, capped at max. A task
   * that stayed up for longer than {@code max} after its last backoff ended starts over.
   */
  public static Backoff after(Backoff previous, Instant now, Duration initial, Duration max) {
    boolean fresh = previous == null || now.isAfter(previous.notBefore.plus(max));
    int failures = fresh ? 1 : previous.failures + 1;
    Duration delay = initial;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    if (delay.compareTo(max) > 0) {
      delay = max;
    }
    return new Backoff(failures, now.plus(delay));
  }

  public boolean blocks(Instant now) {
    return now.isBefore(notBefore);
  }
}

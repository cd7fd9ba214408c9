package io.drover.controller.reconcile;

import java.time.Duration;

/**
 * Truncated exponential backoff: the n-th consecutive failure waits {@code initial * 2^(n-1)},
 * never more than {@code max}.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is below the initial " + initial);
    }
  }

  /** The delay after the given number of consecutive failures (at least 1). */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1: " + failures);
    }
    // Doubling 62 times would overflow nanoseconds; the cap is reached long before.
    int shift = Math.min(failures - 1, 40);
    long nanos = initial.toNanos();
    long capped = max.toNanos();
    return Duration.ofNanos(nanos > (capped >> shift) ? capped : Math.min(capped, nanos << shift));
  }
}

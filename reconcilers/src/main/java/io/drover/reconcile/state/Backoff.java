package io.drover.reconcile.state;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Truncated exponential backoff, the one retry policy of Drover (task relaunches, reconnects,
 * reconciliation retries, the reconcile queue): the n-th consecutive failure waits {@code initial *
 * 2^(n-1)}, never more than {@code max}. {@link #jittered} spreads that over its upper half so
 * that many clients restarted together do not retry in lockstep.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got initial " + initial + ", max " + max);
    }
  }

  /** The delay after {@code failures} consecutive failures (at least 1). */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1: " + failures);
    }
    // Doubling 62 times would overflow nanoseconds; the cap is reached long before.
    int shift = Math.min(failures - 1, 62);
    long nanos = initial.toNanos();
    long capped = max.toNanos();
    return Duration.ofNanos(nanos > (capped >> shift) ? capped : Math.min(capped, nanos << shift));
  }

  /** The delay after {@code failures}, uniformly within [delay/2, delay); {@code random} in [0, 1). */
  public Duration jittered(int failures, DoubleSupplier random) {
    long ceiling = delay(failures).toNanos();
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}

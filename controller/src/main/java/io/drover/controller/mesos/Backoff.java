package io.drover.controller.mesos;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff: attempt {@code n} (from 0) waits {@code min(max, initial * 2^n)}.
 * {@link #jittered} spreads that over its upper half so that many clients restarted together do
 * not reconnect in lockstep; {@link #ceiling} is the plain truncated value.
 */
public record Backoff(Duration initial, Duration max) {

  public Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, got initial " + initial + ", max " + max);
    }
  }

  /** The truncated exponential delay for {@code attempt}, no jitter. */
  public Duration ceiling(int attempt) {
    long initialNanos = initial.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(Math.max(attempt, 0), 62);
    long nanos = initialNanos > (maxNanos >> shift) ? maxNanos : initialNanos << shift;
    return Duration.ofNanos(Math.min(nanos, maxNanos));
  }

  /** The delay for {@code attempt}, uniformly within [ceiling/2, ceiling); {@code random} in [0, 1). */
  public Duration jittered(int attempt, DoubleSupplier random) {
    long ceiling = ceiling(attempt).toNanos();
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}

package io.drover.reconcile.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * How eagerly the framework may REVIVE offers: a token bucket holding at most {@code burst} revives
 * and earning one back every {@code refill}, so that a service gaining work is revived at once while
 * a stream of such services costs the Mesos master at most one revive per {@code refill} after the
 * burst. A revive keeps offers flowing for at least {@code holdOpen} before a SUPPRESS may follow,
 * so that the offers it asked for (one allocation cycle away) can arrive. Immutable.
 *
 * @param burst revives that may be sent back to back, at least 1
 * @param refill one revive is earned back per this interval, positive
 * @param holdOpen no SUPPRESS within this long after a REVIVE, not negative
 */
public record RevivePacing(int burst, Duration refill, Duration holdOpen) {

  public RevivePacing {
    if (burst < 1) {
      throw new IllegalArgumentException("the revive burst must be at least 1, got " + burst);
    }
    Objects.requireNonNull(refill, "refill");
    Objects.requireNonNull(holdOpen, "holdOpen");
    if (refill.isNegative() || refill.isZero()) {
      throw new IllegalArgumentException("the revive refill interval must be positive, got " + refill);
    }
    if (holdOpen.isNegative()) {
      throw new IllegalArgumentException("the revive hold must not be negative, got " + holdOpen);
    }
  }
}

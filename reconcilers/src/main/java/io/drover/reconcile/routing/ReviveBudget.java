package io.drover.reconcile.routing;

import java.time.Instant;

/**
 * The token bucket of {@link RevivePacing}, kept as the instant at which the bucket is full again
 * (each revive spent pushes it one refill interval further): exact, no fractional tokens. A budget
 * that never spent anything is full. Immutable; the pacing is passed in so that it is configured once.
 *
 * @param fullAt when every revive of the burst is available again, null if none was ever spent
 */
public record ReviveBudget(Instant fullAt) {
  static final ReviveBudget FULL = new ReviveBudget(null);

  boolean canSpend(Instant now, RevivePacing p) {
    return !now.isBefore(nextAt(now, p));
  }

  ReviveBudget spend(Instant now, RevivePacing p) {
    Instant from = fullAt == null || fullAt.isBefore(now) ? now : fullAt;
    return new ReviveBudget(from.plus(p.refill()));
  }

  /** When the next revive may be spent: now if it may already. */
  Instant nextAt(Instant now, RevivePacing p) {
    if (fullAt == null) {
      return now;
    }
    // one more revive fits once at most burst - 1 refill intervals are still owed
    Instant at = fullAt.minus(p.refill().multipliedBy(p.burst() - 1));
    return at.isAfter(now) ? at : now;
  }
}

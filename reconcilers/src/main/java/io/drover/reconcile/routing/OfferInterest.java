package io.drover.reconcile.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the framework should SUPPRESS or REVIVE offers, and how long to decline unused ones.
 * Offers are suppressed when no service wants any (and declined for long meanwhile); when work
 * appears they are revived, which also clears decline filters, at most once per {@code
 * minInterval}. A revive keeps offers flowing for at least {@code minInterval}. While suppressed,
 * offers are revived once per {@code sweep} anyway, so that reservations left behind by removed
 * services (an agent that came back after a forced teardown) are seen and released. Immutable; a
 * new subscription starts from {@link #initial()} because Mesos forgets both.
 *
 * @param suppressed a SUPPRESS is in effect
 * @param declinedLong an unused offer was declined with the long filter since the last REVIVE
 * @param lastRevive when the last REVIVE was sent, null if never
 * @param suppressedSince when the SUPPRESS in effect was sent, null unless suppressed
 */
public record OfferInterest(boolean suppressed, boolean declinedLong, Instant lastRevive, Instant suppressedSince) {

  /** What to send. */
  public enum Action {
    NONE,
    REVIVE,
    SUPPRESS
  }

  /** The decision: the new state, the call to make, and when to ask again (null: no need). */
  public record Step(OfferInterest state, Action action, Instant askAgainAt) {}

  public static OfferInterest initial() {
    return new OfferInterest(false, false, null, null);
  }

  /** The state after unused offers were declined; {@code longFilter} when nobody wanted them. */
  public OfferInterest declined(boolean longFilter) {
    return new OfferInterest(suppressed, declinedLong || longFilter, lastRevive, suppressedSince);
  }

  /** Decides from whether any service wants offers now. */
  public Step next(boolean wanted, Instant now, Duration minInterval, Duration sweep) {
    boolean mayRevive = lastRevive == null || !now.isBefore(lastRevive.plus(minInterval));
    if (!wanted) {
      if (!suppressed) {
        return mayRevive
            ? new Step(new OfferInterest(true, declinedLong, lastRevive, now), Action.SUPPRESS, null)
            : new Step(this, Action.NONE, lastRevive.plus(minInterval));
      }
      Instant sweepAt = suppressedSince.plus(sweep);
      if (now.isBefore(sweepAt) || !mayRevive) {
        return new Step(this, Action.NONE, sweepAt);
      }
      return revive(now);
    }
    if (!suppressed && !declinedLong) {
      return new Step(this, Action.NONE, null);
    }
    return mayRevive ? revive(now) : new Step(this, Action.NONE, lastRevive.plus(minInterval));
  }

  private static Step revive(Instant now) {
    return new Step(new OfferInterest(false, false, now, null), Action.REVIVE, null);
  }
}

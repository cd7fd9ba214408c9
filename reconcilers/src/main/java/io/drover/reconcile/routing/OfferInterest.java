package io.drover.reconcile.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the framework should SUPPRESS or REVIVE offers, and how long to decline unused ones.
 * Offers are suppressed when no service wants any and declined for long then; when work appears
 * again they are revived (which also clears decline filters), at most once per {@code minInterval}.
 * Immutable; a new subscription starts from {@link #initial()} because Mesos forgets both.
 *
 * @param suppressed a SUPPRESS is in effect
 * @param declinedLong an unused offer was declined with the long filter since the last REVIVE
 * @param lastRevive when the last REVIVE was sent, null if never
 */
public record OfferInterest(boolean suppressed, boolean declinedLong, Instant lastRevive) {

  /** What to send. */
  public enum Action {
    NONE,
    REVIVE,
    SUPPRESS
  }

  /** The decision: the new state, the call to make, and when to ask again (null: no need). */
  public record Step(OfferInterest state, Action action, Instant askAgainAt) {}

  public static OfferInterest initial() {
    return new OfferInterest(false, false, null);
  }

  /** The state after unused offers were declined; {@code longFilter} when nobody wanted them. */
  public OfferInterest declined(boolean longFilter) {
    return new OfferInterest(suppressed, declinedLong || longFilter, lastRevive);
  }

  /** Decides from whether any service wants offers now. */
  public Step next(boolean wanted, Instant now, Duration minInterval) {
    if (!wanted) {
      return suppressed
          ? new Step(this, Action.NONE, null)
          : new Step(new OfferInterest(true, declinedLong, lastRevive), Action.SUPPRESS, null);
    }
    if (!suppressed && !declinedLong) {
      return new Step(this, Action.NONE, null);
    }
    if (lastRevive != null && now.isBefore(lastRevive.plus(minInterval))) {
      return new Step(this, Action.NONE, lastRevive.plus(minInterval));
    }
    return new Step(new OfferInterest(false, false, now), Action.REVIVE, null);
  }
}

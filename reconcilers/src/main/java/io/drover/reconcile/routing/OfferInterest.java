package io.drover.reconcile.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the framework should SUPPRESS or REVIVE offers. Offers are suppressed when no service
 * wants any (and unused ones are declined for long meanwhile). They are revived, which also clears
 * decline filters, as soon as a service gains work or work appears while suppressed or declined for
 * long, within the token bucket of {@link RevivePacing} (a burst, then one per refill interval); a
 * revive the bucket cannot pay for yet is sent once it can. A revive keeps offers flowing for at
 * least the pacing's hold. While suppressed, offers are revived once per {@code sweep} anyway, so
 * that reservations left behind by removed services (an agent that came back after a forced
 * teardown) are seen and released. Immutable; a new subscription starts from {@link #initial()}
 * because Mesos forgets both filters and suppression.
 *
 * <p>A REVIVE is not sent again while the offers of the last one are still to be handled (for at
 * most the pacing's refill interval): the master offers each agent's free resources once, so a
 * revive made while its offers are outstanding finds nothing free and only spends the budget; the
 * services that gained work meanwhile take part in the round those offers make, and a revive still
 * owed goes out right after that round's answers, clearing the filters they set.
 *
 * @param suppressed a SUPPRESS is in effect
 * @param declinedLong an unused offer was declined with the long filter since the last REVIVE
 * @param gained a service gained work since the last REVIVE
 * @param lastRevive when the last REVIVE was sent, null if never
 * @param suppressedSince when the SUPPRESS in effect was sent, null unless suppressed
 * @param budget the revives spent, see {@link RevivePacing}
 * @param awaitingOffers whether no offer round was handled since the last REVIVE
 */
public record OfferInterest(
    boolean suppressed, boolean declinedLong, boolean gained, Instant lastRevive, Instant suppressedSince, ReviveBudget budget,
    boolean awaitingOffers) {

  /** What to send. */
  public enum Action {
    NONE,
    REVIVE,
    SUPPRESS
  }

  /** The decision: the new state, the call to make, and when to ask again (null: no need). */
  public record Step(OfferInterest state, Action action, Instant askAgainAt) {}

  public static OfferInterest initial() {
    return new OfferInterest(false, false, false, null, null, ReviveBudget.FULL, false);
  }

  /** The state after unused offers were declined; {@code longFilter} when nobody wanted them. */
  public OfferInterest declined(boolean longFilter) {
    return new OfferInterest(suppressed, declinedLong || longFilter, gained, lastRevive, suppressedSince, budget, awaitingOffers);
  }

  /** The state after a service that wanted no offers wants some: it should not wait for a decline filter. */
  public OfferInterest gainedWork() {
    return new OfferInterest(suppressed, declinedLong, true, lastRevive, suppressedSince, budget, awaitingOffers);
  }

  /** The state once an offer round was handled: the last REVIVE's offers, if any, are among those seen. */
  public OfferInterest offersHandled() {
    return awaitingOffers ? new OfferInterest(suppressed, declinedLong, gained, lastRevive, suppressedSince, budget, false) : this;
  }

  /** Decides from whether any service wants offers now. */
  public Step next(boolean wanted, Instant now, RevivePacing pacing, Duration sweep) {
    if (!wanted) {
      if (!suppressed) {
        boolean held = lastRevive != null && now.isBefore(lastRevive.plus(pacing.holdOpen()));
        return held
            ? new Step(this, Action.NONE, lastRevive.plus(pacing.holdOpen()))
            : new Step(new OfferInterest(true, declinedLong, false, lastRevive, now, budget, false), Action.SUPPRESS, null);
      }
      Instant sweepAt = suppressedSince.plus(sweep);
      if (now.isBefore(sweepAt)) {
        return new Step(this, Action.NONE, sweepAt);
      }
      return reviveWhenPaid(now, pacing);
    }
    if (!suppressed && !declinedLong && !gained) {
      return new Step(this, Action.NONE, null);
    }
    return reviveWhenPaid(now, pacing);
  }

  private Step reviveWhenPaid(Instant now, RevivePacing pacing) {
    if (awaitingOffers && now.isBefore(lastRevive.plus(pacing.refill()))) {
      return new Step(this, Action.NONE, lastRevive.plus(pacing.refill()));
    }
    if (!budget.canSpend(now, pacing)) {
      return new Step(this, Action.NONE, budget.nextAt(now, pacing));
    }
    return new Step(new OfferInterest(false, false, false, now, null, budget.spend(now, pacing), true), Action.REVIVE, null);
  }
}

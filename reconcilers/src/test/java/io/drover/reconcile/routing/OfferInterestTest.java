package io.drover.reconcile.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.reconcile.routing.OfferInterest.Action;
import io.drover.reconcile.routing.OfferInterest.Step;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OfferInterestTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  /** Three revives back to back, then one per second; offers held open 2 s after a revive. */
  private static final RevivePacing PACING = new RevivePacing(3, Duration.ofSeconds(1), Duration.ofSeconds(2));
  private static final Duration SWEEP = Duration.ofMinutes(10);

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  @Test
  void aFreshSubscriptionNeedsNoReviveAndSuppressesWhenIdle() {
    Step s = OfferInterest.initial().next(true, T0, PACING, SWEEP);
    assertThat(s.action()).isEqualTo(Action.NONE);
    s = s.state().next(false, T0, PACING, SWEEP);
    assertThat(s.action()).isEqualTo(Action.SUPPRESS);
    assertThat(s.state().next(false, T0, PACING, SWEEP).action()).isEqualTo(Action.NONE);
  }

  @Test
  void aServiceGainingWorkIsRevivedAtOnceEvenWhenNotSuppressed() {
    Step s = OfferInterest.initial().gainedWork().next(true, T0, PACING, SWEEP);
    assertThat(s.action()).isEqualTo(Action.REVIVE);
    // the revive settled the gain: more of the same work needs no further revive
    assertThat(s.state().next(true, at(10), PACING, SWEEP).action()).isEqualTo(Action.NONE);
  }

  @Test
  void revivesBurstThenFollowTheRefillRate() {
    OfferInterest i = OfferInterest.initial();
    for (int n = 0; n < 3; n++) {
      Step s = i.gainedWork().next(true, at(n), PACING, SWEEP);
      assertThat(s.action()).as("revive %d of the burst", n + 1).isEqualTo(Action.REVIVE);
      i = s.state().offersHandled();
    }
    Step owed = i.gainedWork().next(true, at(3), PACING, SWEEP);
    assertThat(owed.action()).isEqualTo(Action.NONE);
    // one revive earned back 1 s after the first was spent
    assertThat(owed.askAgainAt()).isEqualTo(at(1000));
    // the gain is remembered until the revive can be paid for
    assertThat(owed.state().next(true, at(999), PACING, SWEEP).action()).isEqualTo(Action.NONE);
    Step paid = owed.state().next(true, at(1000), PACING, SWEEP);
    assertThat(paid.action()).isEqualTo(Action.REVIVE);
    assertThat(paid.state().offersHandled().gainedWork().next(true, at(1500), PACING, SWEEP).askAgainAt())
        .isEqualTo(at(2000));
  }

  @Test
  void aReviveWaitsUntilTheOffersOfTheLastOneWereHandled() {
    Step first = OfferInterest.initial().gainedWork().next(true, T0, PACING, SWEEP);
    assertThat(first.action()).isEqualTo(Action.REVIVE);
    // more work while the revive's offers are outstanding: the master has nothing more to offer
    Step held = first.state().gainedWork().next(true, at(10), PACING, SWEEP);
    assertThat(held.action()).isEqualTo(Action.NONE);
    assertThat(held.askAgainAt()).isEqualTo(at(1000));
    // the round those offers made is handled: the revive still owed goes out at once, from the burst
    Step after = held.state().offersHandled().next(true, at(50), PACING, SWEEP);
    assertThat(after.action()).isEqualTo(Action.REVIVE);
    assertThat(after.state().next(true, at(60), PACING, SWEEP).action()).isEqualTo(Action.NONE);
  }

  @Test
  void aReviveWhoseOffersNeverCameIsRepeatedAfterTheRefillInterval() {
    Step first = OfferInterest.initial().gainedWork().next(true, T0, PACING, SWEEP);
    OfferInterest waiting = first.state().gainedWork();
    assertThat(waiting.next(true, at(999), PACING, SWEEP).action()).isEqualTo(Action.NONE);
    assertThat(waiting.next(true, at(1000), PACING, SWEEP).action()).isEqualTo(Action.REVIVE);
  }

  @Test
  void aLongIdleRefillsTheWholeBurstButNoMore() {
    OfferInterest i = OfferInterest.initial();
    for (int n = 0; n < 3; n++) {
      i = i.gainedWork().next(true, T0, PACING, SWEEP).state().offersHandled();
    }
    Instant later = T0.plus(Duration.ofHours(1));
    for (int n = 0; n < 3; n++) {
      Step s = i.gainedWork().next(true, later, PACING, SWEEP);
      assertThat(s.action()).isEqualTo(Action.REVIVE);
      i = s.state().offersHandled();
    }
    assertThat(i.gainedWork().next(true, later, PACING, SWEEP).action()).isEqualTo(Action.NONE);
  }

  @Test
  void offersStayOpenForTheHoldAfterARevive() {
    Step s = OfferInterest.initial().next(false, T0, PACING, SWEEP).state().next(true, at(100), PACING, SWEEP);
    assertThat(s.action()).isEqualTo(Action.REVIVE);
    Step held = s.state().next(false, at(1000), PACING, SWEEP);
    assertThat(held.action()).isEqualTo(Action.NONE);
    assertThat(held.askAgainAt()).isEqualTo(at(2100));
    assertThat(s.state().next(false, at(2100), PACING, SWEEP).action()).isEqualTo(Action.SUPPRESS);
  }

  @Test
  void workAfterALongDeclineIsRevivedButAShortDeclineNeedsNone() {
    assertThat(OfferInterest.initial().declined(true).next(true, T0, PACING, SWEEP).action()).isEqualTo(Action.REVIVE);
    assertThat(OfferInterest.initial().declined(false).next(true, T0, PACING, SWEEP).action()).isEqualTo(Action.NONE);
  }

  @Test
  void whileSuppressedOffersAreRevivedOncePerSweepToFindLeftovers() {
    OfferInterest idle = OfferInterest.initial().next(false, T0, PACING, SWEEP).state();
    Step s = idle.next(false, T0.plusSeconds(599), PACING, SWEEP);
    assertThat(s.action()).isEqualTo(Action.NONE);
    assertThat(s.askAgainAt()).isEqualTo(T0.plusSeconds(600));
    s = idle.next(false, T0.plusSeconds(600), PACING, SWEEP);
    assertThat(s.action()).isEqualTo(Action.REVIVE);
    assertThat(s.state().next(false, T0.plusSeconds(601), PACING, SWEEP).action()).isEqualTo(Action.NONE);
    assertThat(s.state().next(false, T0.plusSeconds(602), PACING, SWEEP).action()).isEqualTo(Action.SUPPRESS);
  }

  @Test
  void pacingRejectsLimitsThatWouldNeverRevive() {
    assertThatThrownBy(() -> new RevivePacing(0, Duration.ofSeconds(1), Duration.ZERO))
        .hasMessageContaining("burst must be at least 1");
    assertThatThrownBy(() -> new RevivePacing(1, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("refill interval must be positive");
  }
}

package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * REVIVE and SUPPRESS through the real runner, on manual time: suppressed while nobody wants
 * offers, revived at once when a service gains work (within the token bucket) unless the last
 * revive's offers are still to be handled, swept while suppressed, and forgotten by a new subscription.
 */
class RunnerOfferInterestTest {
  private static final Duration TICK = RunnerHarness.SETTINGS.tick();

  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void idleOffersAreSuppressedAndAServiceThatGainsWorkRevivesThemAtOnce() throws Exception {
    h.start();
    h.subscribe();
    assertThat(h.journal).containsExactly("SUPPRESS");
    h.journal.clear();

    h.put(service("web", 1), 1);
    assertThat(h.journal).containsExactly("save web", "REVIVE");

    h.offer(h.unreserved("a1"));
    h.update(h.calls.launched().get(0), TaskState.TASK_RUNNING);
    h.journal.clear();
    h.advance(TICK);
    assertThat(h.journal).as("a revive keeps offers flowing for a while").isEmpty();
    h.advance(RunnerHarness.SETTINGS.revivePacing().holdOpen());
    assertThat(h.journal).containsExactly("SUPPRESS");
    h.advance(TICK.multipliedBy(10));
    assertThat(h.journal).containsExactly("SUPPRESS");
  }

  @Test
  void revivesArePacedByTheTokenBucket() throws Exception {
    h.start();
    h.subscribe();
    h.journal.clear();

    for (String name : new String[] {"a", "b", "c", "d", "e"}) {
      h.put(service(name, 1, 8), 1); // too big for any offer: they keep wanting offers
      h.offer(h.unreserved("a-" + name)); // the revive's offers are handled before the next service
    }
    assertThat(h.calls.count("REVIVE")).as("a burst of %s", SchedulerSettings.REVIVE_BURST).isEqualTo(SchedulerSettings.REVIVE_BURST);

    h.advance(RunnerHarness.SETTINGS.reviveInterval());
    assertThat(h.calls.count("REVIVE")).as("the work gained meanwhile, once a token is back").isEqualTo(4);
    h.advance(RunnerHarness.SETTINGS.reviveInterval().multipliedBy(5));
    assertThat(h.calls.count("REVIVE")).as("nothing new gained, nothing suppressed: no more").isEqualTo(4);
    assertThat(h.calls.count("SUPPRESS")).isZero();
  }

  @Test
  void aServiceThatGainsWorkWhileTheRevivesOffersAreOutstandingSpendsNoRevive() throws Exception {
    h.start();
    h.subscribe();
    h.journal.clear();

    h.put(service("web", 1), 1);
    h.put(service("api", 1), 1);
    assertThat(h.journal).as("the first revive's offers go to both: a second revive would find nothing free")
        .containsExactly("save web", "REVIVE", "save api");
    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).as("both services took part in the round").hasSize(2);

    // the burst is still there for the services that come after the round
    for (String name : new String[] {"x", "y"}) {
      h.journal.clear();
      h.put(service(name, 1), 1);
      assertThat(h.journal).as("%s revives at once", name).containsExactly("save " + name, "REVIVE");
      h.offer(h.unreserved("a-" + name));
    }
  }

  @Test
  void aBurstOfChangesOnItsWayRevivesOnceItHasArrivedAndIsRoutedInOneRound() throws Exception {
    AtomicBoolean moreComing = new AtomicBoolean(true);
    h.start();
    h.runner().expectChanges(moreComing::get);
    h.subscribe();
    h.journal.clear();

    h.put(service("web", 1), 1);
    h.put(service("api", 1), 1);
    h.advance(ReviveGathering.LOOK_AGAIN);
    assertThat(h.journal).as("held while more changes come").containsExactly("save web", "save api");
    moreComing.set(false);
    h.advance(ReviveGathering.LOOK_AGAIN);
    assertThat(h.journal).containsExactly("save web", "save api", "REVIVE");

    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).as("both services in the one round").hasSize(2);
    assertThat(h.calls.count("REVIVE")).isEqualTo(1);
  }

  @Test
  void aStreamOfChangesHoldsTheReviveNoLongerThanTheGatheringsLimit() throws Exception {
    h.start();
    h.runner().expectChanges(() -> true);
    h.subscribe();
    h.journal.clear();

    h.put(service("web", 1), 1);
    h.advance(ReviveGathering.LIMIT.minus(ReviveGathering.LOOK_AGAIN));
    assertThat(h.calls.count("REVIVE")).isZero();
    h.advance(ReviveGathering.LOOK_AGAIN);
    assertThat(h.journal).containsExactly("save web", "REVIVE");
  }

  @Test
  void aReviveWhoseOffersNeverCameIsSentAgainOnceATokenIsBack() throws Exception {
    h.start();
    h.subscribe();
    h.journal.clear();

    h.put(service("web", 1), 1);
    h.put(service("api", 1), 1);
    assertThat(h.calls.count("REVIVE")).isEqualTo(1);
    h.advance(RunnerHarness.SETTINGS.reviveInterval());
    assertThat(h.calls.count("REVIVE")).as("no offers came: the master may have lost them").isEqualTo(2);
  }

  @Test
  void whileSuppressedOffersAreRevivedOnceASweepToFindLeftovers() throws Exception {
    h.start();
    h.subscribe();
    h.journal.clear();

    h.advance(RunnerHarness.SETTINGS.sweep().minus(TICK));
    assertThat(h.journal).isEmpty();
    h.advance(TICK);
    assertThat(h.journal).containsExactly("REVIVE");
    h.advance(RunnerHarness.SETTINGS.revivePacing().holdOpen());
    assertThat(h.journal).containsExactly("REVIVE", "SUPPRESS");
  }

  @Test
  void aNewSubscriptionStartsOverBecauseMesosForgotTheSuppression() throws Exception {
    h.start();
    h.subscribe();
    h.runner().disconnected("stream lost");
    h.drain();
    h.advance(TICK.multipliedBy(3));
    assertThat(h.journal).as("nothing is sent while no subscription is up").containsExactly("SUPPRESS");

    h.subscribe();
    assertThat(h.journal).containsExactly("SUPPRESS", "SUPPRESS");
  }
}

package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static io.drover.controller.scheduler.SchedulerFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new leader's passes over every service (on subscribing, once every task is reconciled), through
 * the real runner with manual time. The services are torn down before the subscription, so each
 * finishes its teardown when the pass advances it: the uninstalled ones show how far a pass got.
 */
class RunnerLeaderPassesTest {
  private static final int SERVICES = 2 * SlicedPass.SLICE + 1;
  private static final String LAST = name(SERVICES - 1);

  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String name(int i) {
    return "s%03d".formatted(i);
  }

  /** Starts a runner that has not subscribed yet, with every service waiting to be torn down. */
  private void teardownsWaitingForTheSubscription() throws Exception {
    h.start();
    for (int i = 0; i < SERVICES; i++) {
      h.put(service(name(i), 1), 1);
      h.uninstall(name(i));
    }
    assertThat(h.uninstalled).as("nobody acts before the subscription").isEmpty();
    h.journal.clear();
  }

  @Test
  void aCommandThatArrivesDuringTheSubscriptionsPassWaitsForOneSlice() throws Exception {
    teardownsWaitingForTheSubscription();

    h.runner().subscribed(RunnerHarness.FRAMEWORK, 15);
    h.timers.runOneWorker(); // the gate and the first slice; it posts the second
    assertThat(h.uninstalled).hasSize(SlicedPass.SLICE);
    CompletableFuture<Void> put = h.runner().putService(target(service("late", 1), 1));
    h.timers.runOneWorker(); // the second slice; the third goes behind the command
    h.timers.runOneWorker();

    assertThat(put).as("run between two slices of the pass").isCompleted();
    assertThat(h.uninstalled).hasSize(2 * SlicedPass.SLICE);
    assertThat(h.timers.pendingWorkers()).as("the pass's last slice still waits").isEqualTo(1);
    h.drain();
    assertThat(h.uninstalled).hasSize(SERVICES);
    assertThat(h.service("late")).isNotNull();
  }

  @Test
  void theOfferInterestIsUpdatedOnceTheWholePassIsDone() throws Exception {
    teardownsWaitingForTheSubscription();

    h.runner().subscribed(RunnerHarness.FRAMEWORK, 15);
    h.timers.runOneWorker();
    h.timers.runOneWorker();
    assertThat(h.journal).as("no interest from a part of the services").doesNotContain("SUPPRESS", "REVIVE");
    h.drain();

    assertThat(h.timers.pendingWorkers()).isZero();
    assertThat(h.journal).as("nobody is left wanting offers").containsOnlyOnce("SUPPRESS").doesNotContain("REVIVE");
  }

  @Test
  void aServiceRemovedDuringThePassIsSkipped() throws Exception {
    teardownsWaitingForTheSubscription();

    h.runner().subscribed(RunnerHarness.FRAMEWORK, 15);
    h.timers.runOneWorker();
    h.runner().uninstallService(LAST); // its teardown finishes before the pass reaches its slice
    h.drain();

    assertThat(h.uninstalled).hasSize(SERVICES).containsOnlyOnce(LAST);
    assertThat(h.store.get(LAST)).isEmpty();
  }

  @Test
  void aReconciliationDuringTheSubscriptionsPassStartsItsOwnPassAndEachServiceFinishesOnce() throws Exception {
    teardownsWaitingForTheSubscription();

    h.runner().subscribed(RunnerHarness.FRAMEWORK, 15);
    h.timers.runOneWorker();
    h.runner().reconciled(); // behind the subscription pass's second slice
    h.timers.runOneWorker();
    assertThat(h.uninstalled).hasSize(2 * SlicedPass.SLICE);
    h.timers.runOneWorker(); // the reconciliation's pass, over the one service left: one slice
    assertThat(h.uninstalled).hasSize(SERVICES);
    assertThat(h.timers.pendingWorkers()).as("the subscription pass's last slice").isEqualTo(1);
    h.drain(); // it skips the service, removed meanwhile

    assertThat(h.uninstalled).hasSize(SERVICES).doesNotHaveDuplicates();
    assertThat(h.timers.pendingWorkers()).isZero();
  }
}

package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static io.drover.controller.scheduler.SchedulerFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The periodic tick's pass over the services with a wake-up time, through the real runner with manual time. */
class RunnerTickTest {
  private static final int SERVICES = 2 * SlicedPass.SLICE + 1;

  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aCommandThatArrivesDuringATickWaitsForOneSliceNotForTheWholePass() throws Exception {
    h.start(); // no subscription: every service waits to act, so every tick looks at each
    for (int i = 0; i < SERVICES; i++) {
      h.put(service("s" + i, 1), 1);
    }
    h.timers.advance(RunnerHarness.SETTINGS.tick());
    assertThat(h.timers.pendingWorkers()).as("the tick, posted to the loop").isEqualTo(1);

    h.timers.runOneWorker(); // the first slice; it posts the second
    CompletableFuture<Void> put = h.runner().putService(target(service("late", 1), 1));
    h.timers.runOneWorker(); // the second slice; the third goes behind the command
    h.timers.runOneWorker();

    assertThat(put).as("run between two slices of the pass").isCompleted();
    assertThat(h.timers.pendingWorkers()).as("the pass's last slice still waits").isEqualTo(1);
    h.drain();
    assertThat(h.timers.pendingWorkers()).isZero();
  }

  @Test
  void servicesThatOnlyAnEventCanMoveCostTheTickNothingAndATimedOneIsWoken() throws Exception {
    TaskInfo task = h.running("web"); // starts, subscribes, launches, runs
    for (int i = 0; i < SERVICES; i++) {
      h.put(service("s" + i, 1), 1); // each is advanced at once: it wants offers, and nothing is timed
    }
    h.timers.advance(RunnerHarness.SETTINGS.tick());
    h.timers.runOneWorker();
    assertThat(h.timers.pendingWorkers()).as("a pass of one slice: no idle service is looked at").isZero();

    h.uninstall("web");
    assertThat(h.calls.kills).containsExactly(task.getTaskId());
    // No event comes: only the tick can send the kill again once its retry is due.
    h.advance(RunnerHarness.SETTINGS.perService().killRetry().plus(RunnerHarness.SETTINGS.tick()));
    assertThat(h.calls.kills).containsExactly(task.getTaskId(), task.getTaskId());
  }

  @Test
  void aTickDuringAPassIsSkippedAndTheNextPassRuns() throws Exception {
    h.start();
    for (int i = 0; i < SERVICES; i++) {
      h.put(service("s" + i, 1), 1);
    }
    h.timers.advance(RunnerHarness.SETTINGS.tick());
    h.timers.runOneWorker(); // the first slice
    h.timers.advance(RunnerHarness.SETTINGS.tick()); // the next tick comes while two slices wait
    h.drain();
    assertThat(h.timers.pendingWorkers()).isZero();

    h.timers.advance(RunnerHarness.SETTINGS.tick());
    assertThat(h.timers.pendingWorkers()).as("a new pass starts at the next tick").isEqualTo(1);
    h.drain();
  }
}

package io.drover.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.reconcile.WorkQueue.Priority;
import io.drover.controller.time.ManualTimers;
import io.drover.reconcile.state.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final ManualTimers timers = new ManualTimers();
  private final List<String> handled = new ArrayList<>();
  private final List<Duration> handledAt = new ArrayList<>();
  private final WorkQueueConfig config =
      WorkQueueConfig.defaults()
          .withBackoff(new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1)))
          .withRateLimit(1_000_000, 1_000_000)
          .withResyncPeriod(Duration.ZERO);

  private WorkQueue<String> queue(WorkQueueConfig c, WorkQueue.KeyHandler<String> h) {
    WorkQueue.KeyHandler<String> recording =
        key -> {
          handled.add(key);
          handledAt.add(Duration.ofNanos(timers.nanoTime()));
          h.handle(key);
        };
    return WorkQueue.create("test", c, recording, () -> Set.of("x", "y"), timers, timers.workers());
  }

  @Test
  void addsOfAWaitingKeyAreMergedIntoOneRun() {
    WorkQueue<String> q = queue(config.withMaxInFlight(1), k -> {});
    q.add("busy");
    q.add("a");
    q.add("a");
    q.add("a");
    assertThat(q.depth()).isEqualTo(1);

    timers.runWorkers();

    assertThat(handled).containsExactly("busy", "a");
  }

  @Test
  void addsDuringARunBecomeExactlyOneFollowUpAfterIt() {
    List<Integer> pendingDuringRun = new ArrayList<>();
    AtomicReference<WorkQueue<String>> q = new AtomicReference<>();
    q.set(
        queue(
            config,
            k -> {
              if (handled.size() == 1) {
                q.get().add("a");
                q.get().add("a");
                pendingDuringRun.add(timers.pendingWorkers());
              }
            }));
    q.get().add("a");

    timers.runWorkers();

    assertThat(pendingDuringRun).containsExactly(0);
    assertThat(handled).containsExactly("a", "a");
    assertThat(q.get().depth()).isZero();
  }

  @Test
  void differentKeysRunInParallelUpToTheLimit() {
    WorkQueue<String> q = queue(config.withMaxInFlight(2), k -> {});
    q.addAll(List.of("a", "b", "c"));

    assertThat(timers.pendingWorkers()).isEqualTo(2);
    assertThat(q.inFlight()).isEqualTo(2);
    assertThat(q.depth()).isEqualTo(1);
    timers.runOneWorker();
    assertThat(timers.pendingWorkers()).isEqualTo(2);
    timers.runWorkers();
    assertThat(handled).containsExactly("a", "b", "c");
    assertThat(q.inFlight()).isZero();
  }

  @Test
  void aFailingKeyIsRetriedWithExponentialBackoffUpToTheCap() {
    WorkQueue<String> q =
        queue(
            config,
            k -> {
              throw new IllegalStateException("boom");
            });
    q.add("a");
    timers.runWorkers();

    for (int ms = 0; ms < 4_000; ms++) {
      timers.advance(Duration.ofMillis(1));
      timers.runWorkers();
    }

    // 10, 20, 40, ... 640 ms, then capped at 1 s; each retry waits from the previous failure.
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < handledAt.size(); i++) {
      gaps.add(handledAt.get(i).minus(handledAt.get(i - 1)).toMillis());
    }
    assertThat(gaps).startsWith(10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L);
  }

  @Test
  void aSuccessResetsTheBackoff() {
    int[] calls = {0};
    WorkQueue<String> q =
        queue(
            config,
            k -> {
              calls[0]++;
              if (calls[0] != 3) {
                throw new IllegalStateException("fails except on the third call");
              }
            });
    q.add("a");
    timers.runWorkers();
    timers.advance(Duration.ofMillis(10));
    timers.runWorkers();
    timers.advance(Duration.ofMillis(20));
    timers.runWorkers();
    assertThat(calls[0]).isEqualTo(3);
    assertThat(timers.pending()).isZero();

    q.add("a");
    timers.runWorkers();
    timers.advance(Duration.ofMillis(9));
    timers.runWorkers();
    assertThat(calls[0]).isEqualTo(4);
    timers.advance(Duration.ofMillis(1));
    timers.runWorkers();
    assertThat(calls[0]).isEqualTo(5);
  }

  @Test
  void aFreshAddRunsPromptlyDuringBackoffButKeepsTheFailureCount() {
    WorkQueue<String> q =
        queue(
            config,
            k -> {
              throw new IllegalStateException("boom");
            });
    q.add("a");
    timers.runWorkers();
    timers.advance(Duration.ofMillis(10));
    timers.runWorkers();
    assertThat(handled).hasSize(2);

    q.add("a");
    timers.runWorkers();
    assertThat(handled).hasSize(3);
    // Third consecutive failure: 40 ms, and the cancelled 20 ms retry does not fire.
    timers.advance(Duration.ofMillis(39));
    timers.runWorkers();
    assertThat(handled).hasSize(3);
    timers.advance(Duration.ofMillis(1));
    timers.runWorkers();
    assertThat(handled).hasSize(4);
  }

  @Test
  void theGlobalRateLimitSpacesResyncStartsAfterTheBurst() {
    WorkQueue<String> q = queue(config.withRateLimit(10, 2).withMaxInFlight(100), k -> {});
    List.of("a", "b", "c", "d", "e").forEach(k -> q.add(k, Priority.RESYNC));
    timers.runWorkers();
    assertThat(handled).containsExactly("a", "b");

    timers.advance(Duration.ofMillis(99));
    timers.runWorkers();
    assertThat(handled).hasSize(2);
    timers.advance(Duration.ofMillis(1));
    timers.runWorkers();
    assertThat(handled).hasSize(3);
    timers.advance(Duration.ofMillis(200));
    timers.runWorkers();
    assertThat(handled).containsExactly("a", "b", "c", "d", "e");
    assertThat(handledAt.get(4)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void userAndObservedChangesAreNotRateLimited() {
    WorkQueue<String> q = queue(config.withRateLimit(10, 2).withMaxInFlight(100), k -> {});
    q.addAll(List.of("a", "b", "c"));
    List.of("d", "e", "f").forEach(k -> q.add(k, Priority.OBSERVED));
    timers.runWorkers();
    assertThat(handled).containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(handledAt).containsOnly(Duration.ZERO);
  }

  @Test
  void aUserChangeRunsBeforeObservedChangesAndThoseBeforeResyncKeys() {
    WorkQueue<String> q = queue(config.withMaxInFlight(1), k -> {});
    q.add("busy");
    List.of("r1", "r2", "r3").forEach(k -> q.add(k, Priority.RESYNC));
    q.add("o1", Priority.OBSERVED);
    q.add("u1");
    assertThat(q.depth()).isEqualTo(5);

    timers.runWorkers();

    assertThat(handled).containsExactly("busy", "u1", "o1", "r1", "r2", "r3");
  }

  @Test
  void userChangesCountTheKeysAUserAddedWhileTheyWaitOrRun() {
    WorkQueue<String> q = queue(config.withMaxInFlight(1), k -> {});
    q.add("u1");
    q.add("u2");
    q.add("r1", Priority.RESYNC);
    q.add("o1", Priority.OBSERVED);
    assertThat(q.userChanges()).isEqualTo(2);
    q.add("r1"); // a waiting resync key a user changed moves up, and counts
    q.add("u2"); // merged: counted once
    assertThat(q.userChanges()).isEqualTo(3);

    timers.runOneWorker();
    assertThat(q.userChanges()).isEqualTo(2);
    timers.runWorkers();

    assertThat(handled).containsExactly("u1", "u2", "r1", "o1");
    assertThat(q.userChanges()).isZero();
  }

  @Test
  void aWaitingResyncKeyAddedByAUserMovesUpAndRunsOnce() {
    WorkQueue<String> q = queue(config.withMaxInFlight(1), k -> {});
    q.add("busy");
    List.of("r1", "r2", "r3").forEach(k -> q.add(k, Priority.RESYNC));
    q.add("r3");
    q.add("r3", Priority.RESYNC); // a lower priority never moves a key down
    assertThat(q.depth()).isEqualTo(3);

    timers.runWorkers();

    assertThat(handled).containsExactly("busy", "r3", "r1", "r2");
    assertThat(q.depth()).isZero();
  }

  @Test
  void aFollowUpKeepsTheHighestPriorityOfTheAddsDuringTheRun() {
    List<Runnable> duringFirstRun = new ArrayList<>();
    WorkQueue<String> q = queue(config.withMaxInFlight(1), k -> {
      if (handled.size() == 1) {
        duringFirstRun.forEach(Runnable::run);
      }
    });
    duringFirstRun.add(() -> q.add("k", Priority.RESYNC));
    duringFirstRun.add(() -> q.add("r", Priority.RESYNC));
    duringFirstRun.add(() -> q.add("k", Priority.OBSERVED));
    q.add("k");

    timers.runWorkers();

    assertThat(handled).containsExactly("k", "k", "r");
  }

  @Test
  void everyKnownKeyIsResyncedPeriodically() {
    WorkQueue<String> q = queue(config.withResyncPeriod(Duration.ofMinutes(1)), k -> {});
    timers.advance(Duration.ofSeconds(59));
    timers.runWorkers();
    assertThat(handled).isEmpty();

    timers.advance(Duration.ofSeconds(1));
    timers.runWorkers();
    assertThat(handled).containsExactlyInAnyOrder("x", "y");
    timers.advance(Duration.ofMinutes(1));
    timers.runWorkers();
    assertThat(handled).hasSize(4);
    q.close();
    assertThat(timers.pending()).isZero();
  }

  @Test
  void pausedQueuesCollectKeysAndRunThemOnResume() {
    WorkQueue<String> q = queue(config, k -> {});
    q.pause();
    q.add("a");
    q.add("b");
    assertThat(timers.pendingWorkers()).isZero();
    assertThat(q.depth()).isEqualTo(2);

    q.resume();
    timers.runWorkers();
    assertThat(handled).containsExactly("a", "b");
  }

  @Test
  void aClosedQueueStartsNothingAndDropsPendingRetries() {
    WorkQueue<String> q =
        queue(
            config,
            k -> {
              throw new IllegalStateException("boom");
            });
    q.add("a");
    timers.runWorkers();
    assertThat(timers.pending()).isEqualTo(1);

    q.close();
    q.add("b");
    timers.advance(Duration.ofMinutes(5));
    timers.runWorkers();
    assertThat(handled).containsExactly("a");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void backoffGrowsFromMillisecondsToMinutesAndStaysThere() {
    Backoff b = WorkQueueConfig.defaults().backoff();
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(20));
    assertThat(b.delay(14)).isEqualTo(Duration.ofMillis(81_920));
    assertThat(b.delay(15)).isEqualTo(Duration.ofMinutes(2));
    assertThat(b.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(2));
  }
}

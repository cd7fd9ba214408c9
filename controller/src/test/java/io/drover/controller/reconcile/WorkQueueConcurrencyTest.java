package io.drover.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.controller.time.Timers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's guarantees under real threads: many producers, a pool of workers. */
class WorkQueueConcurrencyTest {
  private final ScheduledExecutorService timerThread = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ExecutorService producers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() throws InterruptedException {
    producers.shutdownNow();
    workers.shutdownNow();
    timerThread.shutdownNow();
    assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aKeyNeverRunsTwiceAtOnceAndEveryAddIsFollowedByARun() {
    Set<String> running = ConcurrentHashMap.newKeySet();
    List<String> overlaps = new CopyOnWriteArrayList<>();
    AtomicLong clock = new AtomicLong();
    Map<String, Long> lastAdd = new ConcurrentHashMap<>();
    Map<String, Long> lastRunStart = new ConcurrentHashMap<>();
    WorkQueue<String> q =
        WorkQueue.create(
            "concurrency",
            WorkQueueConfig.defaults().withResyncPeriod(Duration.ZERO).withRateLimit(100_000, 100_000),
            key -> {
              if (!running.add(key)) {
                overlaps.add(key);
              }
              lastRunStart.put(key, clock.incrementAndGet());
              Thread.onSpinWait();
              running.remove(key);
            },
            Set::of,
            Timers.system(timerThread, Clock.systemUTC()),
            workers);

    for (int p = 0; p < 4; p++) {
      producers.execute(
          () -> {
            for (int i = 0; i < 5_000; i++) {
              String key = "k" + (i % 20);
              lastAdd.merge(key, clock.incrementAndGet(), Math::max);
              q.add(key);
            }
          });
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(lastAdd).hasSize(20);
              assertThat(q.depth() + q.inFlight()).isZero();
              lastAdd.forEach((k, added) -> assertThat(lastRunStart.get(k)).isGreaterThan(added));
            });
    assertThat(overlaps).isEmpty();
    q.close();
  }
}

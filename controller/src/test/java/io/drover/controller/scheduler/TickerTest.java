package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.time.ManualTimers;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler's periodic tick, on manual time and a loop the test drains. */
class TickerTest {
  private static final Duration PERIOD = Duration.ofMillis(10);

  private final ManualTimers timers = new ManualTimers();
  private final AtomicInteger ticks = new AtomicInteger();

  @Test
  void aBusyLoopFindsOneTickNotABacklog() {
    Ticker.start(timers, PERIOD, timers.workers(), ticks::incrementAndGet);

    timers.advance(Duration.ofMillis(400)); // forty periods while the loop runs nothing
    assertThat(timers.pendingWorkers()).isEqualTo(1);
    timers.runWorkers();
    assertThat(ticks).hasValue(1);

    timers.advance(PERIOD);
    assertThat(timers.pendingWorkers()).isEqualTo(1);
    timers.runWorkers();
    assertThat(ticks).hasValue(2);
  }

  @Test
  void oneTickPerPeriodWhileTheLoopKeepsUp() {
    Ticker.start(timers, PERIOD, timers.workers(), ticks::incrementAndGet);
    for (int i = 0; i < 5; i++) {
      timers.advance(PERIOD);
      timers.runWorkers();
    }
    assertThat(ticks).hasValue(5);

    timers.advance(PERIOD.minusMillis(1));
    assertThat(timers.pendingWorkers()).isZero();
  }

  @Test
  void aClosedTickerPostsNothingMoreAndLeavesNoTimer() {
    Ticker t = Ticker.start(timers, PERIOD, timers.workers(), ticks::incrementAndGet);
    timers.advance(PERIOD);
    timers.runWorkers();
    t.close();

    timers.advance(Duration.ofSeconds(1));
    assertThat(timers.pendingWorkers()).isZero();
    assertThat(timers.pending()).isZero();
    assertThat(ticks).hasValue(1);
  }

  @Test
  void aClosedLoopEndsTheTicks() {
    AtomicInteger offered = new AtomicInteger();
    Executor closed = r -> {
      offered.incrementAndGet();
      throw new RejectedExecutionException("closed");
    };
    Ticker.start(timers, PERIOD, closed, ticks::incrementAndGet);

    timers.advance(Duration.ofSeconds(1));
    assertThat(offered).hasValue(1);
    assertThat(timers.pending()).isZero();
  }
}

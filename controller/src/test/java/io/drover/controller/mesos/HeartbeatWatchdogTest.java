package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.time.ManualTimers;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatWatchdogTest {

  private final ManualTimers timers = new ManualTimers();
  private final Clock clock = timers.clock();
  private final HeartbeatWatchdog watchdog = new HeartbeatWatchdog(timers, clock, 5);
  private final Subscription subscription = new Subscription(1,
      new OpenedStream(URI.create("http://m:5050"), URI.create("http://m:5050/api/v1/scheduler"),
          "stream-1", new ByteArrayInputStream(new byte[0])),
      clock.millis());

  @Test
  void dropsTheStreamAfterFiveSilentIntervals() {
    watchdog.watch(subscription, Duration.ofSeconds(1));

    timers.advance(Duration.ofSeconds(5));
    assertThat(subscription.abortReason()).isNull();

    timers.advance(Duration.ofSeconds(1));
    assertThat(subscription.abortReason())
        .isEqualTo("no heartbeat from the master for 6000 ms (5 intervals of 1000 ms)");
    assertThat(timers.pending()).isZero();
  }

  @Test
  void anyRecordKeepsTheStreamAlive() {
    watchdog.watch(subscription, Duration.ofSeconds(1));
    for (int i = 0; i < 20; i++) {
      timers.advance(Duration.ofSeconds(4));
      subscription.touch(clock.millis());
    }
    assertThat(subscription.abortReason()).isNull();
  }

  @Test
  void stoppingCancelsTheWatch() {
    watchdog.watch(subscription, Duration.ofSeconds(1));
    watchdog.stop();
    timers.advance(Duration.ofMinutes(1));
    assertThat(subscription.abortReason()).isNull();
    assertThat(timers.pending()).isZero();
  }

  @Test
  void aNewWatchReplacesTheOldInterval() {
    watchdog.watch(subscription, Duration.ofSeconds(15));
    watchdog.watch(subscription, Duration.ofMillis(100));
    timers.advance(Duration.ofMillis(600));
    assertThat(subscription.abortReason()).startsWith("no heartbeat from the master for 600 ms");
  }
}

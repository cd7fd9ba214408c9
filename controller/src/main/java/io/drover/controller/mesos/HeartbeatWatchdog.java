package io.drover.controller.mesos;

import io.drover.controller.time.Timers;
import java.time.Clock;
import java.time.Duration;

/**
 * Drops a subscription that has been silent for {@code missedHeartbeats} heartbeat intervals:
 * a half-open TCP connection otherwise looks like a quiet, healthy stream forever. It checks once
 * per interval; any record counts as a sign of life. Thread-safe; one subscription at a time.
 */
final class HeartbeatWatchdog {

  private final Timers timers;
  private final Clock clock;
  private final int missedHeartbeats;
  private Watch watch;

  HeartbeatWatchdog(Timers timers, Clock clock, int missedHeartbeats) {
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException("missedHeartbeats must be at least 1, got " + missedHeartbeats);
    }
    this.timers = timers;
    this.clock = clock;
    this.missedHeartbeats = missedHeartbeats;
  }

  /** Watches {@code subscription} with heartbeats every {@code interval}, replacing any earlier watch. */
  synchronized void watch(Subscription subscription, Duration interval) {
    stop();
    watch = new Watch(subscription, interval);
    watch.scheduleNext();
  }

  synchronized void stop() {
    if (watch != null) {
      watch.cancel();
      watch = null;
    }
  }

  private final class Watch {
    private final Subscription subscription;
    private final Duration interval;
    private final long limitMillis;
    private Timers.Cancellable next;
    private boolean cancelled;

    Watch(Subscription subscription, Duration interval) {
      this.subscription = subscription;
      this.interval = interval;
      this.limitMillis = interval.toMillis() * missedHeartbeats;
    }

    void scheduleNext() {
      next = timers.schedule(interval, this::check);
    }

    void cancel() {
      cancelled = true;
      next.cancel();
    }

    private void check() {
      synchronized (HeartbeatWatchdog.this) {
        if (cancelled) {
          return;
        }
        long silentMillis = clock.millis() - subscription.lastActivityMillis();
        if (silentMillis > limitMillis) {
          subscription.abort("no heartbeat from the master for " + silentMillis + " ms ("
              + missedHeartbeats + " intervals of " + interval.toMillis() + " ms)");
          return;
        }
        scheduleNext();
      }
    }
  }
}

package io.drover.controller.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time and delayed tasks for the controller's loops and the Mesos client. Injected everywhere
 * decisions depend on time (backoff, rate limiting, debouncing, resync, heartbeats, condition
 * timestamps) so that tests advance a manual clock instead of sleeping.
 *
 * <p>Implementations are thread-safe. Scheduled tasks run on a timer thread and must return
 * quickly: they hand work to other executors rather than doing it.
 */
public interface Timers {

  /** A monotonic reading in nanoseconds, for measuring intervals. */
  long nanoTime();

  /** The wall-clock time, for timestamps users see. */
  Instant now();

  /** Runs {@code task} once after {@code delay}; cancelling before it ran prevents it. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }

  /** Real time: {@link System#nanoTime}, the system UTC clock, and the given scheduler's thread(s). */
  static Timers system(ScheduledExecutorService scheduler) {
    return system(scheduler, Clock.systemUTC());
  }

  /** Real time: {@link System#nanoTime}, the given clock, and the given scheduler's thread(s). */
  static Timers system(ScheduledExecutorService scheduler, Clock clock) {
    return new Timers() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }
    };
  }
}

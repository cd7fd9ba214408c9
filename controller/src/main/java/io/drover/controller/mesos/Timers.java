package io.drover.controller.mesos;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delayed work for the client (reconnect backoff, heartbeat watchdog, reconciliation retries).
 * Injected so that tests drive time by hand instead of waiting. Tasks must be short and never
 * block: they share the scheduler's threads.
 */
@FunctionalInterface
public interface Timers {

  /** Runs {@code task} once after {@code delay}; the handle cancels it if it has not started. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }

  /** Timers backed by an executor the caller owns (and shuts down). */
  static Timers on(ScheduledExecutorService executor) {
    return (delay, task) -> {
      ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}

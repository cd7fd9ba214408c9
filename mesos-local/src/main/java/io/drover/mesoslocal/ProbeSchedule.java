package io.drover.mesoslocal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * When a check runs, as Mesos's {@code CheckerProcess} schedules it: first after
 * {@code delay_seconds}, then {@code interval_seconds} after the previous one completed (so checks
 * never overlap). Probes run on a worker pool, never on the timer thread; each result goes to the
 * checker unless it was stopped meanwhile. Thread-safe.
 *
 * @param <T> what a probe finds
 */
final class ProbeSchedule<T> {

  /** One run of a check; interrupted when the runner shuts down. */
  @FunctionalInterface
  interface Probe<T> {
    T run() throws InterruptedException;
  }

  private final ScheduledExecutorService timers;
  private final ExecutorService workers;
  private final Duration interval;
  private final Probe<T> probe;
  private final Consumer<T> results;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> next;

  ProbeSchedule(ScheduledExecutorService timers, ExecutorService workers, Duration interval, Probe<T> probe,
      Consumer<T> results) {
    this.timers = timers;
    this.workers = workers;
    this.interval = interval;
    this.probe = probe;
    this.results = results;
  }

  static Duration seconds(double s) {
    return Duration.ofNanos((long) (Math.max(0, s) * 1e9));
  }

  void start(Duration delay) {
    schedule(delay);
  }

  void stop() {
    stopped = true;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
  }

  private void schedule(Duration after) {
    if (stopped) {
      return;
    }
    try {
      next = timers.schedule(() -> workers.execute(this::run), after.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      stopped = true; // the runner is shutting down
    }
  }

  private void run() {
    if (stopped) {
      return;
    }
    try {
      T result = probe.run();
      if (!stopped) {
        results.accept(result);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    schedule(interval);
  }
}

package io.drover.mesoslocal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When a check runs, as Mesos's {@code CheckerProcess} schedules it: first after
 * {@code delay_seconds}, then {@code interval_seconds} after the previous one completed (so checks
 * never overlap). Probes run on a worker pool, never on the timer thread. Thread-safe.
 */
final class ProbeSchedule {

  private final ScheduledExecutorService timers;
  private final ExecutorService workers;
  private final Duration interval;
  private final Runnable probe;
  private volatile boolean stopped;
  private volatile ScheduledFuture<?> next;

  ProbeSchedule(ScheduledExecutorService timers, ExecutorService workers, Duration interval, Runnable probe) {
    this.timers = timers;
    this.workers = workers;
    this.interval = interval;
    this.probe = probe;
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
    probe.run();
    schedule(interval);
  }
}

package io.drover.controller.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * Test time: nothing happens until the test calls {@link #advance}, which moves the clock to each
 * due task in turn and runs it on the calling thread. Also a {@link #clock()} that reads the same
 * time, and a manual executor ({@link #workers()}) whose tasks run on {@link #runWorkers}.
 * Scheduling and reading are thread-safe; tasks run outside the lock.
 */
public final class ManualTimers implements Timers {
  private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private record Task(long due, long seq, Runnable run) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
  private final ArrayDeque<Runnable> workerTasks = new ArrayDeque<>();
  private long nanos;
  private long seq;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant now() {
    return EPOCH.plusNanos(nanos);
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(nanos + delay.toNanos(), seq++, task);
    tasks.add(t);
    return () -> {
      synchronized (ManualTimers.this) {
        tasks.remove(t);
      }
    };
  }

  /** Moves time forward, running every task that falls due (including ones they schedule), at its due time. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = nanos + d.toNanos();
    }
    while (true) {
      Task t;
      synchronized (this) {
        if (tasks.isEmpty() || tasks.peek().due() > target) {
          nanos = target;
          return;
        }
        t = tasks.poll();
        nanos = Math.max(nanos, t.due());
      }
      t.run().run();
    }
  }

  /** Scheduled tasks not yet run or cancelled. */
  public synchronized int pending() {
    return tasks.size();
  }

  /** A clock reading this time. */
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now();
      }
    };
  }

  /** An executor whose tasks wait for {@link #runWorkers} or {@link #runOneWorker}. */
  public Executor workers() {
    return task -> {
      synchronized (this) {
        workerTasks.add(task);
      }
    };
  }

  public synchronized int pendingWorkers() {
    return workerTasks.size();
  }

  /** Runs the oldest submitted worker task. */
  public void runOneWorker() {
    Runnable r;
    synchronized (this) {
      r = workerTasks.removeFirst();
    }
    r.run();
  }

  /** Runs worker tasks, including those they submit, until none is left (bounded). */
  public void runWorkers() {
    for (int i = 0; i < 100_000; i++) {
      Runnable r;
      synchronized (this) {
        if (workerTasks.isEmpty()) {
          return;
        }
        r = workerTasks.removeFirst();
      }
      r.run();
    }
    throw new IllegalStateException("worker tasks keep submitting more: " + pendingWorkers());
  }
}

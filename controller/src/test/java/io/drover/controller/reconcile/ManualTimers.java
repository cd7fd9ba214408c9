package io.drover.controller.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * Test time: nothing happens until the test calls {@link #advance}, which runs the due tasks in
 * order. Also a manual executor ({@link #workers()}) whose tasks run on {@link #runWorkers}.
 * Single-threaded use only.
 */
final class ManualTimers implements Timers {
  private record Task(long due, long seq, Runnable run) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
  private final ArrayDeque<Runnable> workerTasks = new ArrayDeque<>();
  private final Instant epoch = Instant.parse("2024-01-01T00:00:00Z");
  private long nanos;
  private long seq;

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public Instant now() {
    return epoch.plusNanos(nanos);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(nanos + delay.toNanos(), seq++, task);
    tasks.add(t);
    return () -> tasks.remove(t);
  }

  /** Moves time forward, running every task that falls due, at its due time. */
  void advance(Duration d) {
    long target = nanos + d.toNanos();
    while (!tasks.isEmpty() && tasks.peek().due() <= target) {
      Task t = tasks.poll();
      nanos = Math.max(nanos, t.due());
      t.run().run();
    }
    nanos = target;
  }

  int pendingTimers() {
    return tasks.size();
  }

  Executor workers() {
    return workerTasks::add;
  }

  int pendingWorkers() {
    return workerTasks.size();
  }

  /** Runs the oldest submitted worker task. */
  void runOneWorker() {
    workerTasks.removeFirst().run();
  }

  /** Runs worker tasks, including those they submit, until none is left (bounded). */
  void runWorkers() {
    for (int i = 0; i < 100_000 && !workerTasks.isEmpty(); i++) {
      workerTasks.removeFirst().run();
    }
    if (!workerTasks.isEmpty()) {
      throw new IllegalStateException("worker tasks keep submitting more: " + workerTasks.size());
    }
  }
}

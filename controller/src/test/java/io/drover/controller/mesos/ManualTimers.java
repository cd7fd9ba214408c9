package io.drover.controller.mesos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Timers driven by {@link #advance}: due tasks run on the test thread, in due order. */
final class ManualTimers implements Timers {

  private final ManualClock clock;
  private final List<Entry> entries = new ArrayList<>();
  private long sequence;

  ManualTimers(ManualClock clock) {
    this.clock = clock;
  }

  private final class Entry {
    final long dueMillis;
    final long order = sequence++;
    final Runnable task;
    boolean cancelled;

    Entry(long dueMillis, Runnable task) {
      this.dueMillis = dueMillis;
      this.task = task;
    }
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Entry entry = new Entry(clock.millis() + delay.toMillis(), task);
    entries.add(entry);
    return () -> {
      synchronized (ManualTimers.this) {
        entry.cancelled = true;
      }
    };
  }

  /** Number of tasks scheduled and not yet run or cancelled. */
  synchronized int pending() {
    return (int) entries.stream().filter(e -> !e.cancelled).count();
  }

  /** Moves time forward in small steps, running every task that falls due. */
  void advance(Duration duration) {
    long end = clock.millis() + duration.toMillis();
    while (true) {
      Entry next;
      synchronized (this) {
        entries.removeIf(e -> e.cancelled);
        next = entries.stream()
            .filter(e -> e.dueMillis <= end)
            .min(Comparator.<Entry>comparingLong(e -> e.dueMillis).thenComparingLong(e -> e.order))
            .orElse(null);
        if (next != null) {
          entries.remove(next);
        }
      }
      if (next == null) {
        break;
      }
      long step = next.dueMillis - clock.millis();
      if (step > 0) {
        clock.advance(Duration.ofMillis(step));
      }
      next.task.run();
    }
    long rest = end - clock.millis();
    if (rest > 0) {
      clock.advance(Duration.ofMillis(rest));
    }
  }
}

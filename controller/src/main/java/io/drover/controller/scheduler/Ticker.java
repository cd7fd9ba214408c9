package io.drover.controller.scheduler;

import io.drover.controller.time.Timers;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts a message to the scheduler's loop once per period (measured from one posting to the
 * next). The timer task only posts, it never touches scheduler state; and a tick is not posted
 * again while the previous one still waits in the loop, so a busy loop finds one tick, not a
 * backlog. Thread-safe.
 */
final class Ticker implements AutoCloseable {
  private final Timers timers;
  private final Duration period;
  private final Executor loop;
  private final Runnable tick;
  private final AtomicBoolean queued = new AtomicBoolean();
  private boolean closed;
  private Timers.Cancellable next;

  private Ticker(Timers timers, Duration period, Executor loop, Runnable message) {
    this.timers = timers;
    this.period = period.isZero() || period.isNegative() ? Duration.ofMillis(1) : period;
    this.loop = loop;
    this.tick = () -> {
      queued.set(false);
      message.run();
    };
  }

  /** Posts {@code message} to {@code loop} every {@code period} from now on, until closed. */
  static Ticker start(Timers timers, Duration period, Executor loop, Runnable message) {
    Ticker t = new Ticker(timers, period, loop, message);
    t.scheduleNext();
    return t;
  }

  private synchronized void scheduleNext() {
    if (!closed) {
      next = timers.schedule(period, this::fire);
    }
  }

  private void fire() {
    if (queued.compareAndSet(false, true)) {
      try {
        loop.execute(tick);
      } catch (RejectedExecutionException e) {
        return; // the loop is closed: no more ticks
      }
    }
    scheduleNext();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel();
    }
  }
}

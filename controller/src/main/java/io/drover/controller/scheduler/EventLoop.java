package io.drover.controller.scheduler;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's single thread: every message (Mesos event, command, timer) is a task on one
 * queue, run one at a time, so scheduler state needs no lock. A message that throws is logged and
 * the loop goes on. Timers only post messages; they never touch state themselves, and a timer
 * message is not queued again while the previous one is still waiting. The queue is bounded: a
 * poster waits while it is full, so a burst of Mesos events slows the event stream rather than
 * growing without bound (the client never loses events when its listener is slow).
 */
final class EventLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final Runnable STOP = () -> {};

  private static final int CAPACITY = 4_096;

  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final ScheduledExecutorService timers;
  private final Thread thread;
  private volatile boolean closed;

  EventLoop(String name, ScheduledExecutorService timers) {
    this.timers = timers;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues a message, waiting while the queue is full. Any thread but the loop's own.
   *
   * @return false when the loop is closed (or the caller interrupted) and the message will not run
   */
  boolean post(Runnable message) {
    try {
      while (!closed) {
        if (queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Posts {@code message} every {@code period}, never more than one of them queued at a time. */
  ScheduledFuture<?> every(Duration period, Runnable message) {
    long ms = Math.max(1, period.toMillis());
    AtomicBoolean queued = new AtomicBoolean();
    Runnable once = () -> {
      queued.set(false);
      message.run();
    };
    return timers.scheduleWithFixedDelay(() -> {
      if (queued.compareAndSet(false, true)) {
        post(once);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  private void run() {
    while (true) {
      Runnable m;
      try {
        m = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (m == STOP) {
        return;
      }
      try {
        m.run();
      } catch (RuntimeException e) {
        LOG.error("scheduler event loop: a message failed; continuing", e);
      }
    }
  }

  /** Stops after the messages already queued (new ones are refused); waits for the thread at most 10 s. */
  @Override
  public void close() {
    closed = true;
    try {
      while (thread.isAlive() && !queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
        // the loop is draining a full queue
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!inLoop() && thread.isAlive()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

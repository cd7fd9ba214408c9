package io.drover.controller.scheduler;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's single thread: every message (Mesos event, command, timer) is a task on one
 * queue, run one at a time, so scheduler state needs no lock. A message that throws is logged and
 * the loop goes on. Timers only post messages; they never touch state themselves.
 */
final class EventLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final Runnable STOP = () -> {};

  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
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

  /** Queues a message; ignored once closed. Any thread. */
  void post(Runnable message) {
    if (!closed) {
      queue.add(message);
    }
  }

  /** Posts {@code message} every {@code period}. */
  ScheduledFuture<?> every(Duration period, Runnable message) {
    long ms = Math.max(1, period.toMillis());
    return timers.scheduleWithFixedDelay(() -> post(message), ms, ms, TimeUnit.MILLISECONDS);
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

  /** Stops after the messages already queued; waits for the thread at most 10 s. */
  @Override
  public void close() {
    closed = true;
    queue.add(STOP);
    if (!inLoop() && thread.isAlive()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

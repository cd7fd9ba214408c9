package io.drover.controller.scheduler;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's single thread: every message (Mesos event, command, timer) is a task run one at
 * a time, so scheduler state needs no lock. A message that throws is logged and the loop goes on.
 * The queue is bounded: a poster waits while it is full, so a burst of Mesos events slows the
 * event stream rather than growing without bound (the client never loses events when its listener
 * is slow).
 *
 * <p>Users' commands have a lane of their own ({@link #commands()}): a command waiting there runs
 * before the queue's next message, but never two commands in a row while the queue holds one, so
 * a command waits for the message running and at most one more, and a stream of commands does not
 * starve Mesos's events. Each lane keeps its order; between the lanes there is no order to keep,
 * since commands and Mesos events come from different threads.
 */
final class EventLoop implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
  private static final Runnable STOP = () -> {};

  static final int CAPACITY = 4_096;

  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(CAPACITY);
  /** The commands' lane; few at a time (each caller waits for its command, puts come in batches). */
  private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
  /** One permit per message in {@link #queue} or {@link #commands}: the loop waits on it. */
  private final Semaphore waiting = new Semaphore(0);
  /** Loop thread only: what the loop posted to itself while the queue was full (it must not wait on itself). */
  private final ArrayDeque<Runnable> ownOverflow = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean closed;
  /** Loop thread only: the message running came from the commands' lane. */
  private boolean commandRan;

  EventLoop(String name) {
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Queues a message, waiting while the queue is full; the loop's own thread (a pass posting its
   * next slice) never waits: what does not fit waits in an overflow moved to the queue as it drains.
   *
   * @throws RejectedExecutionException when the loop is closed (or the caller interrupted) and the
   *     message will not run
   */
  @Override
  public void execute(Runnable message) {
    if (Thread.currentThread() == thread) {
      if (closed) {
        throw new RejectedExecutionException("the scheduler's event loop is closed");
      }
      if (!ownOverflow.isEmpty() || !queue.offer(message)) {
        ownOverflow.add(message);
      } else {
        waiting.release();
      }
      return;
    }
    try {
      while (!closed) {
        if (queue.offer(message, 100, TimeUnit.MILLISECONDS)) {
          waiting.release();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while the scheduler's queue was full");
    }
    throw new RejectedExecutionException("the scheduler's event loop is closed");
  }

  /**
   * The lane for users' commands: a message posted here overtakes the queue's waiting messages
   * (see the class comment). Refuses messages once the loop is closed.
   */
  Executor commands() {
    return message -> {
      if (closed) {
        throw new RejectedExecutionException("the scheduler's event loop is closed");
      }
      commands.add(message);
      waiting.release();
    };
  }

  private void run() {
    while (true) {
      while (!ownOverflow.isEmpty() && queue.offer(ownOverflow.peek())) {
        ownOverflow.poll();
        waiting.release();
      }
      Runnable m;
      try {
        waiting.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      m = commandRan ? null : commands.poll();
      commandRan = m != null;
      if (m == null) {
        m = queue.poll();
      }
      if (m == null) {
        m = commands.poll(); // a command ran last, and the queue is empty
        commandRan = true;
      }
      if (m == STOP) {
        for (Runnable c = commands.poll(); c != null; c = commands.poll()) {
          runOne(c); // posted before the loop was closed
        }
        return;
      }
      runOne(m);
    }
  }

  private void runOne(Runnable m) {
    try {
      m.run();
    } catch (RuntimeException e) {
      LOG.error("scheduler event loop: a message failed; continuing", e);
    }
  }

  /** Stops after the messages already queued (new ones are refused); waits for the thread at most 10 s. */
  @Override
  public void close() {
    closed = true;
    try {
      while (thread.isAlive()) {
        if (queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
          waiting.release();
          break;
        } // else the loop is draining a full queue
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (Thread.currentThread() != thread && thread.isAlive()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

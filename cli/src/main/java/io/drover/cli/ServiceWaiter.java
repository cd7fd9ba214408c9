package io.drover.cli;

import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;

/**
 * Waits until a service meets a {@link WaitCondition} or a deadline passes. It re-reads the
 * service's document and status whenever a ZooKeeper watch on either fires, and at least every
 * {@link #RECHECK} in case a notification was lost with a connection.
 *
 * <p>Not thread-safe: one waiter per waiting thread.
 */
final class ServiceWaiter {

  static final Duration RECHECK = Duration.ofSeconds(2);

  private final StoreSession session;
  private final Clock clock;
  private final PrintWriter progress;
  private final Semaphore changed = new Semaphore(0);
  // One watcher instance, so re-reading does not stack watches on the nodes.
  private final Watcher watcher = event -> changed.release();

  /**
   * @param progress where to print a line whenever the service's state changes, or null for
   *     silence (when not attached to a terminal)
   */
  ServiceWaiter(StoreSession session, Clock clock, PrintWriter progress) {
    this.session = session;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * The outcome: whether the condition was met, and the service as last read; {@code missing} when
   * the condition needs a document and the first read found none (nothing was waited for).
   */
  record Outcome(boolean met, boolean missing, ServiceView last) {}

  /** Reads the service now, leaving watches that wake {@link #await}. */
  private ServiceView read(String name) throws StoreException {
    DesiredDocument desired = session.desired().readAndWatch(name, watcher).orElse(null);
    StatusDocument status = session.status().readAndWatch(name, watcher).orElse(null);
    return new ServiceView(name, desired, status);
  }

  /**
   * Waits until {@code condition} holds for {@code name} or {@code deadline} passes; a service with
   * no document is not waited for unless the condition is {@code Deleted}. The first read is also
   * that check, so a service whose condition already holds is read (and decoded) once.
   */
  Outcome await(String name, WaitCondition condition, Instant deadline)
      throws StoreException, InterruptedException {
    String lastLine = null;
    boolean first = true;
    while (true) {
      changed.drainPermits();
      ServiceView view = read(name);
      if (first && view.desired() == null && !(condition instanceof WaitCondition.Deleted)) {
        return new Outcome(false, true, view);
      }
      first = false;
      if (condition.met(view)) {
        return new Outcome(true, false, view);
      }
      String line = view.summary();
      if (progress != null && !line.equals(lastLine)) {
        progress.println("service/" + name + ": " + line);
        lastLine = line;
      }
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        return new Outcome(false, false, view);
      }
      Duration nap = remaining.compareTo(RECHECK) < 0 ? remaining : RECHECK;
      changed.tryAcquire(nap.toMillis() + 1, TimeUnit.MILLISECONDS);
    }
  }
}

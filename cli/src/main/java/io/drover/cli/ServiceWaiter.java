package io.drover.cli;

import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StoredNode;
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
   * The outcome: whether the condition was met, and the service as last read (null when the
   * condition was met without decoding its document, {@link WaitCondition#metUndecoded}).
   */
  record Outcome(boolean met, ServiceView last) {}

  /**
   * Reads the service now, leaving watches that wake {@link #await}: null when {@code condition}
   * is met without decoding the document (a cold decode is most of a short command's work), else
   * the service with its document decoded.
   */
  private ServiceView read(String name, WaitCondition condition) throws StoreException {
    StoredNode node = session.desired().readNodeAndWatch(name, watcher).orElse(null);
    StatusDocument status = session.status().readAndWatch(name, watcher).orElse(null);
    if (condition.metUndecoded(node, status)) {
      return null;
    }
    return new ServiceView(name, node == null ? null : node.decode(), status);
  }

  /** Waits until {@code condition} holds for {@code name} or {@code deadline} passes. */
  Outcome await(String name, WaitCondition condition, Instant deadline)
      throws StoreException, InterruptedException {
    String lastLine = null;
    while (true) {
      changed.drainPermits();
      ServiceView view = read(name, condition);
      if (view == null || condition.met(view)) {
        return new Outcome(true, view);
      }
      String line = view.summary();
      if (progress != null && !line.equals(lastLine)) {
        progress.println("service/" + name + ": " + line);
        lastLine = line;
      }
      Duration remaining = Duration.between(clock.instant(), deadline);
      if (remaining.isNegative() || remaining.isZero()) {
        return new Outcome(false, view);
      }
      Duration nap = remaining.compareTo(RECHECK) < 0 ? remaining : RECHECK;
      changed.tryAcquire(nap.toMillis() + 1, TimeUnit.MILLISECONDS);
    }
  }
}

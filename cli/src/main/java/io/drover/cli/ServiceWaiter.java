package io.drover.cli;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
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

  /** The outcome: whether the condition was met, and the service as last read. */
  record Outcome(boolean met, ServiceView last) {}

  /** Reads the service now, leaving watches that wake {@link #await}. */
  private ServiceView read(String name) throws StoreException {
    DesiredDocument desired = session.desired().readAndWatch(name, watcher).orElse(null);
    StatusDocument status = session.status().readAndWatch(name, watcher).orElse(null);
    return new ServiceView(name, desired, status);
  }

  /** Waits until {@code condition} holds for {@code name} or {@code deadline} passes. */
  Outcome await(String name, WaitCondition condition, Instant deadline)
      throws StoreException, InterruptedException {
    String lastLine = null;
    while (true) {
      changed.drainPermits();
      ServiceView view = read(name);
      if (condition.met(view)) {
        return new Outcome(true, view);
      }
      String line = state(view);
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

  /** A one-line summary of where a service stands, for progress and timeout messages. */
  static String state(ServiceView view) {
    if (view.desired() == null && view.status() == null) {
      return "gone";
    }
    StringBuilder b = new StringBuilder(view.phase());
    if (view.desired() == null) {
      b.append(", document deleted, uninstall in progress");
    } else if (!view.desired().valid()) {
      b.append(": ").append(view.desired().loaded().problems().get(0));
      return b.toString();
    }
    b.append(", ").append(view.ready()).append(" ready");
    ServiceStatus status = view.serviceStatus();
    if (status == null) {
      return b.append(view.desired() == null ? "" : ", not yet observed by the controller")
          .toString();
    }
    if (view.desired() != null && status.observedGeneration() < view.desired().generation()) {
      b.append(", generation ").append(view.desired().generation())
          .append(" not yet observed (at ").append(status.observedGeneration()).append(")");
    }
    Condition ready = status.condition(Condition.READY);
    if (ready != null) {
      b.append(", Ready=").append(ready.status());
      if (ready.reason() != null) {
        b.append(" (").append(ready.reason())
            .append(ready.message() == null ? "" : ": " + ready.message()).append(")");
      }
    }
    return b.toString();
  }
}

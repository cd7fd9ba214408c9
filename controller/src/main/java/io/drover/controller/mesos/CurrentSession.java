package io.drover.controller.mesos;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * The subscription that is up now, if any, and waiting for it to come or go. Set by the dispatch
 * thread only; read and waited for from any thread. The monitor guards the wait alone: nothing is
 * called under it.
 */
final class CurrentSession {
  private volatile Session session;

  Session get() {
    return session;
  }

  void set(Session next) {
    synchronized (this) {
      session = next;
      notifyAll();
    }
  }

  /** Waits for a subscription; its framework id, or empty when none came within {@code timeout}. */
  Optional<FrameworkID> awaitUp(Duration timeout) throws InterruptedException {
    return await(s -> Optional.ofNullable(s).map(Session::frameworkId), timeout);
  }

  /** Waits until no subscription of framework {@code id} is up; false when one still is after {@code timeout}. */
  boolean awaitEndOf(FrameworkID id, Duration timeout) throws InterruptedException {
    return await(s -> s == null || !s.frameworkId().equals(id) ? Optional.of(true) : Optional.empty(), timeout).isPresent();
  }

  /** Waits until {@code done} answers something for the current session (null when none). */
  private synchronized <T> Optional<T> await(Function<Session, Optional<T>> done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<T> answer = done.apply(session);
    while (answer.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return answer;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
      answer = done.apply(session);
    }
    return answer;
  }
}

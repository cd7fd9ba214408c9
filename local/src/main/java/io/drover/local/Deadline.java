package io.drover.local;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The time bound of a wait or of a benchmark loop, on the monotonic clock.
 *
 * @param endNanos the {@link System#nanoTime()} value at which time is up
 */
public record Deadline(long endNanos) {

  /** A deadline {@code budget} from now. */
  public static Deadline in(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos());
  }

  /** Nanoseconds left, zero once passed. */
  public long remainingNanos() {
    return Math.max(0, endNanos - System.nanoTime());
  }

  public boolean passed() {
    return remainingNanos() == 0;
  }

  /** Fails with a message naming {@code waitingFor} once the deadline has passed. */
  public void check(String waitingFor) throws TimeoutException {
    if (passed()) {
      throw new TimeoutException("gave up waiting for " + waitingFor + ": time limit reached");
    }
  }
}

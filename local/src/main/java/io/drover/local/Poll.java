package io.drover.local;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounded polling for conditions one cannot be notified of (a controller leading, a
 * cluster state): checks every {@code interval} until the condition holds or the deadline passes.
 */
public final class Poll {

  private Poll() {}

  /** Waits until {@code value} is present; fails naming {@code what} at the deadline. */
  public static <T> T untilPresent(Supplier<Optional<T>> value, Duration interval, Deadline deadline, String what)
      throws TimeoutException, InterruptedException {
    while (true) {
      Optional<T> v = value.get();
      if (v.isPresent()) {
        return v.get();
      }
      deadline.check(what);
      TimeUnit.NANOSECONDS.sleep(Math.min(interval.toNanos(), Math.max(1, deadline.remainingNanos())));
    }
  }

  /** Waits until {@code condition} holds; fails naming {@code what} at the deadline. */
  public static void until(Supplier<Boolean> condition, Duration interval, Deadline deadline, String what)
      throws TimeoutException, InterruptedException {
    untilPresent(
        () -> condition.get() ? Optional.of(true) : Optional.empty(), interval, deadline, what);
  }
}

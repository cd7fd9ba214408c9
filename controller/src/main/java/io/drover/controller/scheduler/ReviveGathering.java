package io.drover.controller.scheduler;

import io.drover.controller.time.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Holds a due REVIVE back, briefly, while the operator says more changes are on their way, so that
 * a burst of services (a deploy, a sync) arrives before the offers it asks for and is routed in one
 * offer round. Without it the first service of a burst revived alone: the master's offers went to
 * it, later services waited for the next round's REVIVE, which waits behind the first round's
 * ACCEPTs (docs/performance.md, launch-throughput, sixth round).
 *
 * <p>A REVIVE is held at most {@link #LIMIT} from the first time it was held, so a steady stream
 * of changes delays offers by that much and no more; while held, the loop looks again every {@link
 * #LOOK_AGAIN}. Nothing is held until {@link #expect} names the signal. The signal is read on the
 * loop and must be cheap and never wait for the loop. {@link #holds} runs on the loop only.
 */
final class ReviveGathering {
  /** The longest a due REVIVE is held. */
  static final Duration LIMIT = Duration.ofMillis(250);
  /** How soon the loop looks again at a held REVIVE. */
  static final Duration LOOK_AGAIN = Duration.ofMillis(10);

  private final Timers timers;
  private final Consumer<Runnable> post;
  private volatile BooleanSupplier moreComing = () -> false;
  /** Loop only: when the REVIVE now held was first held, null when none is. */
  private Instant heldSince;
  /** Loop only: a look again is scheduled or posted. */
  private boolean lookScheduled;

  /** Schedules its looks on {@code timers} and runs them through {@code post} (onto the loop). */
  ReviveGathering(Timers timers, Consumer<Runnable> post) {
    this.timers = Objects.requireNonNull(timers, "timers");
    this.post = Objects.requireNonNull(post, "post");
  }

  /** From now on, {@code signal} says whether more changes are on their way. Any thread. */
  void expect(BooleanSupplier signal) {
    moreComing = Objects.requireNonNull(signal, "signal");
  }

  /**
   * Whether to hold the REVIVE that is due now ({@code reviveDue}); when held, {@code lookAgain}
   * runs on the loop in {@link #LOOK_AGAIN}. A REVIVE that is not due, or not held, ends the
   * gathering.
   */
  boolean holds(boolean reviveDue, Instant now, Runnable lookAgain) {
    if (!reviveDue || !moreComing.getAsBoolean()) {
      heldSince = null;
      return false;
    }
    if (heldSince == null) {
      heldSince = now;
    } else if (!now.isBefore(heldSince.plus(LIMIT))) {
      heldSince = null;
      return false;
    }
    if (!lookScheduled) {
      lookScheduled = true;
      timers.schedule(LOOK_AGAIN, () -> post.accept(() -> {
        lookScheduled = false;
        lookAgain.run();
      }));
    }
    return true;
  }
}

package io.drover.controller.scheduler;

import io.drover.reconcile.routing.RevivePacing;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the scheduler runtime.
 *
 * @param perService per-service decision settings (principal, backoff, kill retry, teardown timeout)
 * @param shortDecline refuse_seconds for unused offers (and the leftovers of accepted ones) while some
 *     service waits for resources: short, so that work still pending sees those resources again soon
 * @param longDecline refuse_seconds for unused offers while every service is idle
 * @param reviveInterval REVIVEs are paced by a token bucket of {@value #REVIVE_BURST} that earns one
 *     back per this interval; a revive keeps offers unsuppressed for at least twice this long
 * @param tick how often timers (backoffs, kill retries, teardown timeouts) are looked at
 * @param launchCheck a launch with no status after this long is reconciled explicitly
 * @param sweep while offers are suppressed, how often they are revived anyway to find reservations
 *     left behind by removed services
 */
public record SchedulerSettings(
    ServiceSchedulerSettings perService,
    Duration shortDecline,
    Duration longDecline,
    Duration reviveInterval,
    Duration tick,
    Duration launchCheck,
    Duration sweep) {

  /** Revives that may be sent back to back when several services gain work at once. */
  public static final int REVIVE_BURST = 3;

  public SchedulerSettings {
    Objects.requireNonNull(perService, "perService");
    Objects.requireNonNull(shortDecline, "shortDecline");
    Objects.requireNonNull(longDecline, "longDecline");
    Objects.requireNonNull(reviveInterval, "reviveInterval");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(launchCheck, "launchCheck");
    Objects.requireNonNull(sweep, "sweep");
    if (reviveInterval.isNegative() || reviveInterval.isZero()) {
      throw new IllegalArgumentException("reviveInterval must be positive (it paces REVIVE calls), got " + reviveInterval);
    }
  }

  /**
   * Production defaults: decline 1 s while work is pending / 5 min while idle (then also
   * suppressed), revive as soon as a service gains work with a burst of {@value #REVIVE_BURST} and
   * then at most one per second (Mesos allocates once per second by default, so faster revives buy
   * nothing), 1 s ticks, 60 s launch check, a sweep every 10 min.
   */
  public static SchedulerSettings defaults(String principal) {
    return new SchedulerSettings(
        ServiceSchedulerSettings.defaults(principal),
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10));
  }

  /** The revive token bucket these settings describe. */
  public RevivePacing revivePacing() {
    return new RevivePacing(REVIVE_BURST, reviveInterval, reviveInterval.multipliedBy(2));
  }

  public SchedulerSettings withPerService(ServiceSchedulerSettings r) {
    return new SchedulerSettings(r, shortDecline, longDecline, reviveInterval, tick, launchCheck, sweep);
  }

  public SchedulerSettings withTick(Duration d) {
    return new SchedulerSettings(perService, shortDecline, longDecline, reviveInterval, d, launchCheck, sweep);
  }

  public SchedulerSettings withDeclines(Duration shortRefuse, Duration longRefuse) {
    return new SchedulerSettings(perService, shortRefuse, longRefuse, reviveInterval, tick, launchCheck, sweep);
  }

  public SchedulerSettings withSweep(Duration d) {
    return new SchedulerSettings(perService, shortDecline, longDecline, reviveInterval, tick, launchCheck, d);
  }

  public SchedulerSettings withLaunchCheck(Duration d) {
    return new SchedulerSettings(perService, shortDecline, longDecline, reviveInterval, tick, d, sweep);
  }

  public SchedulerSettings withReviveInterval(Duration d) {
    return new SchedulerSettings(perService, shortDecline, longDecline, d, tick, launchCheck, sweep);
  }
}

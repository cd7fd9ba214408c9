package io.drover.controller.scheduler;

import io.drover.reconcile.service.ReconcilerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the scheduler runtime.
 *
 * @param reconciler per-service decision settings (principal, backoff, kill retry, teardown timeout)
 * @param shortDecline refuse_seconds for unused offers while some service waits for resources
 * @param longDecline refuse_seconds for unused offers while every service is idle
 * @param reviveInterval at most one REVIVE per this interval
 * @param tick how often timers (backoffs, kill retries, teardown timeouts) are looked at
 * @param launchCheck a launch with no status after this long is reconciled explicitly
 * @param sweep while offers are suppressed, how often they are revived anyway to find reservations
 *     left behind by removed services
 */
public record SchedulerSettings(
    ReconcilerSettings reconciler,
    Duration shortDecline,
    Duration longDecline,
    Duration reviveInterval,
    Duration tick,
    Duration launchCheck,
    Duration sweep) {

  public SchedulerSettings {
    Objects.requireNonNull(reconciler, "reconciler");
    Objects.requireNonNull(shortDecline, "shortDecline");
    Objects.requireNonNull(longDecline, "longDecline");
    Objects.requireNonNull(reviveInterval, "reviveInterval");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(launchCheck, "launchCheck");
    Objects.requireNonNull(sweep, "sweep");
  }

  /**
   * Production defaults: decline 5 s / 5 min, revive at most every 5 s, 1 s ticks, 60 s launch
   * check, a sweep every 10 min.
   */
  public static SchedulerSettings defaults(String principal) {
    return new SchedulerSettings(
        ReconcilerSettings.defaults(principal),
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofMinutes(10));
  }

  public SchedulerSettings withReconciler(ReconcilerSettings r) {
    return new SchedulerSettings(r, shortDecline, longDecline, reviveInterval, tick, launchCheck, sweep);
  }

  public SchedulerSettings withTick(Duration d) {
    return new SchedulerSettings(reconciler, shortDecline, longDecline, reviveInterval, d, launchCheck, sweep);
  }

  public SchedulerSettings withDeclines(Duration shortRefuse, Duration longRefuse) {
    return new SchedulerSettings(reconciler, shortRefuse, longRefuse, reviveInterval, tick, launchCheck, sweep);
  }

  public SchedulerSettings withSweep(Duration d) {
    return new SchedulerSettings(reconciler, shortDecline, longDecline, reviveInterval, tick, launchCheck, d);
  }

  public SchedulerSettings withLaunchCheck(Duration d) {
    return new SchedulerSettings(reconciler, shortDecline, longDecline, reviveInterval, tick, d, sweep);
  }

  public SchedulerSettings withReviveInterval(Duration d) {
    return new SchedulerSettings(reconciler, shortDecline, longDecline, d, tick, launchCheck, sweep);
  }
}

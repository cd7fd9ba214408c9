package io.drover.reconcile.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the per-service decisions.
 *
 * @param principal the framework principal put on reservations and volumes (may be empty)
 * @param backoffInitial delay before the first relaunch of a failed task; doubles per failure
 * @param backoffMax cap of that delay
 * @param killRetry how long to wait for a kill to take effect before sending it again
 * @param uninstallTimeout how long a teardown may take before it is force-completed
 */
public record ServiceSchedulerSettings(
    String principal,
    Duration backoffInitial,
    Duration backoffMax,
    Duration killRetry,
    Duration uninstallTimeout) {

  public ServiceSchedulerSettings {
    principal = principal == null ? "" : principal;
    Objects.requireNonNull(backoffInitial, "backoffInitial");
    Objects.requireNonNull(backoffMax, "backoffMax");
    Objects.requireNonNull(killRetry, "killRetry");
    Objects.requireNonNull(uninstallTimeout, "uninstallTimeout");
  }

  /** Production defaults: 3 s initial backoff up to 5 min, kills re-sent after 30 s, 10 min teardown. */
  public static ServiceSchedulerSettings defaults(String principal) {
    return new ServiceSchedulerSettings(
        principal, Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(10));
  }

  public ServiceSchedulerSettings withBackoff(Duration initial, Duration max) {
    return new ServiceSchedulerSettings(principal, initial, max, killRetry, uninstallTimeout);
  }

  public ServiceSchedulerSettings withKillRetry(Duration d) {
    return new ServiceSchedulerSettings(principal, backoffInitial, backoffMax, d, uninstallTimeout);
  }

  public ServiceSchedulerSettings withUninstallTimeout(Duration d) {
    return new ServiceSchedulerSettings(principal, backoffInitial, backoffMax, killRetry, d);
  }
}

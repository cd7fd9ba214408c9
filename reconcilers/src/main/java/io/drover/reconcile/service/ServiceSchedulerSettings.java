package io.drover.reconcile.service;

import io.drover.reconcile.state.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the per-service decisions.
 *
 * @param principal the framework principal put on reservations and volumes (may be empty)
 * @param relaunchBackoff delay before relaunching a failed task, by its consecutive failures
 * @param killRetry how long to wait for a kill to take effect before sending it again
 * @param uninstallTimeout how long a teardown may take before it is force-completed
 */
public record ServiceSchedulerSettings(
    String principal,
    Backoff relaunchBackoff,
    Duration killRetry,
    Duration uninstallTimeout) {

  public ServiceSchedulerSettings {
    principal = principal == null ? "" : principal;
    Objects.requireNonNull(relaunchBackoff, "relaunchBackoff");
    Objects.requireNonNull(killRetry, "killRetry");
    Objects.requireNonNull(uninstallTimeout, "uninstallTimeout");
  }

  /** Production defaults: 3 s initial backoff up to 5 min, kills re-sent after 30 s, 10 min teardown. */
  public static ServiceSchedulerSettings defaults(String principal) {
    return new ServiceSchedulerSettings(
        principal, new Backoff(Duration.ofSeconds(3), Duration.ofMinutes(5)), Duration.ofSeconds(30), Duration.ofMinutes(10));
  }

  public ServiceSchedulerSettings withBackoff(Duration initial, Duration max) {
    return new ServiceSchedulerSettings(principal, new Backoff(initial, max), killRetry, uninstallTimeout);
  }

  public ServiceSchedulerSettings withKillRetry(Duration d) {
    return new ServiceSchedulerSettings(principal, relaunchBackoff, d, uninstallTimeout);
  }

  public ServiceSchedulerSettings withUninstallTimeout(Duration d) {
    return new ServiceSchedulerSettings(principal, relaunchBackoff, killRetry, d);
  }
}

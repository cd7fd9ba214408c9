package io.drover.controller.reconcile;

import io.drover.reconcile.state.Backoff;
import java.time.Duration;

/**
 * Tuning of a {@link WorkQueue}.
 *
 * @param maxInFlight how many keys are handled at once (different keys; one key is never twice)
 * @param backoff per-key delay before retrying a key whose handler failed
 * @param ratePerSecond global limit on handler starts per second, all keys together
 * @param burst how many starts may exceed the rate after an idle period
 * @param resyncPeriod how often every known key is enqueued again; zero disables resync
 */
public record WorkQueueConfig(
    int maxInFlight, Backoff backoff, double ratePerSecond, int burst, Duration resyncPeriod) {

  public WorkQueueConfig {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    if (resyncPeriod.isNegative()) {
      throw new IllegalArgumentException("resyncPeriod must not be negative: " + resyncPeriod);
    }
  }

  /**
   * The controller's defaults: 256 keys at once; retries from 10 ms doubling up to 2 minutes; 200
   * starts per second with bursts of 1,000 (a full resync of many services); resync every 5 minutes.
   * A reconcile that puts or uninstalls waits for the scheduler to store the record, and the
   * scheduler stores the commands waiting together in one write: the keys in flight bound how many
   * services a deploy stores per write (with 4, a 10,000-service deploy took 2,500 or more writes;
   * with 32, about 400). 256 is as many as one of the scheduler's command batches holds.
   */
  public static WorkQueueConfig defaults() {
    return new WorkQueueConfig(
        256, new Backoff(Duration.ofMillis(10), Duration.ofMinutes(2)), 200, 1000, Duration.ofMinutes(5));
  }

  public WorkQueueConfig withMaxInFlight(int n) {
    return new WorkQueueConfig(n, backoff, ratePerSecond, burst, resyncPeriod);
  }

  public WorkQueueConfig withBackoff(Backoff b) {
    return new WorkQueueConfig(maxInFlight, b, ratePerSecond, burst, resyncPeriod);
  }

  public WorkQueueConfig withRateLimit(double perSecond, int burstSize) {
    return new WorkQueueConfig(maxInFlight, backoff, perSecond, burstSize, resyncPeriod);
  }

  public WorkQueueConfig withResyncPeriod(Duration period) {
    return new WorkQueueConfig(maxInFlight, backoff, ratePerSecond, burst, period);
  }
}

package io.drover.controller.scheduler;

import java.util.concurrent.CompletableFuture;

/**
 * Operator commands on a running service, for the HTTP API and the CLI. Like {@link
 * MultiServiceManager}'s, they are queued on the scheduler's event loop; each future completes once
 * the command is applied and persisted, or fails with an {@link IllegalArgumentException} saying
 * what is wrong (unknown service, instance or plan). Like those, it completes on the loop: wait for
 * it, or attach dependent actions with an executor of your own.
 */
public interface ServiceOperations {

  /** Kills the tasks of a pod instance ({@code <pod>-<index>}); they relaunch in place. */
  CompletableFuture<Void> restartPod(String service, String instance);

  /**
   * Moves a pod instance to new reservations (for example off a failing agent): its tasks are
   * killed, relaunched wherever the placement allows, and the old reservations are released.
   */
  CompletableFuture<Void> replacePod(String service, String instance);

  /** Pauses plan {@code deploy}, {@code update} or {@code recovery}: no new step starts. */
  CompletableFuture<Void> pausePlan(String service, String plan);

  /** Resumes a paused plan. */
  CompletableFuture<Void> resumePlan(String service, String plan);
}

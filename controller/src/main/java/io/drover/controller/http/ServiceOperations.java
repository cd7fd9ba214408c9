package io.drover.controller.http;

/**
 * Operator actions on a running service, carried out by the leader's scheduler. Each returns once
 * the scheduler accepted the action (not when it is done).
 */
public interface ServiceOperations {

  /** Kills and relaunches the pod instance's tasks in place, on the same reservations. */
  void restartPod(String service, String podInstance) throws OperationException;

  /** Relaunches the pod instance on new reservations, possibly elsewhere; the old ones are freed. */
  void replacePod(String service, String podInstance) throws OperationException;

  /** Stops starting new steps of the plan; running steps finish. */
  void pausePlan(String service, String plan) throws OperationException;

  /** Lets a paused plan continue. */
  void resumePlan(String service, String plan) throws OperationException;
}

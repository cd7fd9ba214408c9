package io.drover.reconcile.service;

/** Where a service is in its life, derived from its record. */
public enum ServiceLifecycle {
  /** The first rollout has not completed yet. */
  DEPLOYING,
  /** The target is deployed and every task is at its goal. */
  RUNNING,
  /** A newer target is rolling out. */
  UPDATING,
  /** The target is deployed but some task is not at its goal (recovering, unreachable). */
  DEGRADED,
  /** Being torn down. */
  UNINSTALLING
}

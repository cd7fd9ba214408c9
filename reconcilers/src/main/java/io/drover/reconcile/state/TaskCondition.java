package io.drover.reconcile.state;

/**
 * What a task's latest status means to the scheduler, independent of the exact Mesos state name.
 */
public enum TaskCondition {
  /** Launch sent; no status seen yet. */
  LAUNCHED,
  /** TASK_STAGING or TASK_STARTING. */
  STARTING,
  /** TASK_RUNNING. */
  RUNNING,
  /** TASK_KILLING: a kill is in progress. */
  KILLING,
  /** The agent cannot be reached; the task may still run. Wait for it. */
  UNREACHABLE,
  /** Terminal success (TASK_FINISHED). */
  FINISHED,
  /** Terminal failure on a live agent: relaunch in place. */
  FAILED,
  /** Terminal, and the agent and its reservations are gone: relaunch elsewhere. */
  GONE;

  public boolean terminal() {
    return this == FINISHED || this == FAILED || this == GONE;
  }

  /** Launched and neither terminal nor unreachable: the task holds its resources. */
  public boolean active() {
    return this == LAUNCHED || this == STARTING || this == RUNNING || this == KILLING;
  }
}

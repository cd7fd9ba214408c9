package io.drover.mesoslocal;

import java.time.Duration;

/**
 * The agents' executors: runs tasks and reports their state changes, as {@link ExecutorUpdate}s, to
 * a callback that only enqueues. Implementations are thread-safe; no method blocks on a task.
 */
interface TaskRunner extends AutoCloseable {

  /** Starts a task; reports TASK_STARTING then TASK_RUNNING, or a terminal state if it cannot start. */
  void launch(LaunchSpec spec);

  /** Kills a task: TASK_KILLING (if the framework understands it), SIGTERM to its tree, SIGKILL after {@code grace} (the task's kill policy, or 3 s, when null). */
  void kill(TaskKey key, Duration grace);

  /** Kills a task's tree with SIGKILL as if it crashed; it ends TASK_FAILED. Returns false if it is not running. */
  boolean crash(TaskKey key);

  /** Kills every task at once (SIGKILL to whole trees) and waits for them to go. */
  @Override
  void close();
}

package io.drover.mesoslocal;

import java.time.Duration;

/**
 * Faults a test can inject into a running {@link MesosLocal}; the same faults are exposed over HTTP
 * under {@code POST /faults/...}. Each call returns once the master has applied the fault.
 */
public interface Faults {

  /**
   * Fails the master over to a new leader in place: every subscription is closed and outstanding
   * offers, filters and stream ids are forgotten; agents and their tasks keep running and reregister
   * at once. Frameworks must subscribe again (with their id) and reconcile.
   */
  void masterRestart();

  /** Disconnects an agent: its tasks become TASK_UNREACHABLE (TASK_LOST for frameworks that are not PARTITION_AWARE). */
  void stopAgent(String agentId);

  /** Reregisters a stopped agent: its tasks are reported again with REASON_AGENT_REREGISTERED. */
  void startAgent(String agentId);

  /** Replaces an agent by a new one on a fresh work dir; see {@link MesosLocal#replaceAgent}. Returns the new id. */
  String replaceAgent(String agentId);

  /** Stops sending HEARTBEAT events on every stream for the given time. */
  void pauseHeartbeats(Duration duration);

  /** Kills a task's processes with SIGKILL as if it crashed: the task ends TASK_FAILED. */
  void crashTask(String taskId);
}

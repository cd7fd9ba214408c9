package io.drover.mesoslocal;

import java.util.List;

/**
 * A Mesos master with agents that a test can disturb the way operators and failures do. Both
 * {@link MesosLocal} and {@link io.drover.mesoslocal.real.RealMesos} (a real Mesos 1.11) implement
 * it, so one scenario runs against either and their answers can be compared.
 *
 * <p>Agents are numbered by the order they were started in; {@link #agentIds()} gives each slot's
 * current agent. Every method returns once the master has seen the change.
 */
public interface MesosCluster extends AutoCloseable {

  /** The master's base URL, e.g. {@code http://127.0.0.1:5050}. */
  String url();

  /** The agent in each slot, in slot order; a replaced agent's slot holds its successor. */
  List<String> agentIds();

  /**
   * The agent process goes away (its tasks keep running) and the master marks it unreachable: its
   * tasks are TASK_UNREACHABLE (TASK_LOST for frameworks that are not PARTITION_AWARE).
   */
  void stopAgent(String agentId);

  /** The stopped agent starts again on its work dir: it recovers its id, resources and tasks. */
  void startAgent(String agentId);

  /**
   * The agent's process is replaced by a new agent on a fresh work dir at the same address: a new
   * agent id, its tasks are no longer known to it. Returns the new agent's id.
   */
  String replaceAgent(String agentId);

  /** The master restarts (a new leader with a new id); agents and their tasks stay. */
  void restartMaster();

  /** Stops everything it started, every task process included. */
  @Override
  void close();
}

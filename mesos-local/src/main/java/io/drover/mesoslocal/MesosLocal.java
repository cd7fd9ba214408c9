package io.drover.mesoslocal;

/**
 * A Mesos master and its agents in this JVM, speaking the Mesos v1 scheduler HTTP API over real HTTP
 * and running tasks as real local processes (or, in no-process mode, pretending to).
 *
 * <p>Behaves like Apache Mesos 1.11 where a scheduler can observe the difference: status codes,
 * event streams, offers, reservations, persistent volumes, reliable status updates, reconciliation
 * and the master's failover rules. {@code docs/mesos-local.md} lists what is deliberately left out.
 *
 * <p>Thread-safe. All master state is owned by one event-loop thread; HTTP threads and these
 * methods only enqueue work on it and wait for the answer.
 *
 * <pre>{@code
 * try (MesosLocal cluster = MesosLocal.builder().agents(2).start()) {
 *   String url = cluster.url();   // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public interface MesosLocal extends MesosCluster {

  /** A builder with Mesos's defaults: one agent, 15 s heartbeats, an ephemeral port. */
  static MesosLocalBuilder builder() {
    return new MesosLocalBuilder();
  }

  /** Fault injection: master failover, agent loss, heartbeat pauses, task crashes. */
  Faults faults();

  /** A consistent snapshot of frameworks, tasks and agents, taken on the master's thread. */
  ClusterState state();

  /**
   * Replaces an agent by a new one on a fresh work dir (the old work dir is kept beside it as
   * {@code agents/<slot>.replaced-<id>}). A connected agent is removed as a real master removes a
   * disconnected agent when another registers at its address: its tasks become TASK_LOST with
   * REASON_AGENT_REMOVED (whether the framework is PARTITION_AWARE or not) and their processes are
   * killed. A stopped agent stays unreachable, with its tasks.
   */
  @Override
  String replaceAgent(String agentId);

  /** Stops the master and agents, kills every process it started (whole trees) and removes temp dirs. */
  @Override
  void close();
}

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
public interface MesosLocal extends AutoCloseable {

  /** A builder with Mesos's defaults: one agent, 15 s heartbeats, an ephemeral port. */
  static MesosLocalBuilder builder() {
    return new MesosLocalBuilder();
  }

  /** The master's base URL, e.g. {@code http://127.0.0.1:5050}. */
  String url();

  /** Fault injection: master failover, agent loss, heartbeat pauses, task crashes. */
  Faults faults();

  /** A consistent snapshot of frameworks, tasks and agents, taken on the master's thread. */
  ClusterState state();

  /** Stops the master and agents, kills every process it started (whole trees) and removes temp dirs. */
  @Override
  void close();
}

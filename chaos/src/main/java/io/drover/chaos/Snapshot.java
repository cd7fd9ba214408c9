package io.drover.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One look at the whole installation by the monitor: the Mesos master's {@code /state}, every
 * replica's {@code /v1/leader} and {@code /metrics}, the services' rows, and Drover's nodes in
 * ZooKeeper. A part that did not answer is null (master, rows, documents) or marked as such.
 *
 * @param at when the look began
 * @param master the master's view, null when it did not answer
 * @param replicas every live replica, paused ones included (they do not answer)
 * @param rows the services' rows by name ({@code GET /v1/services}), null when no replica answered
 * @param documents the names under {@code /drover/services}, null when ZooKeeper did not answer
 * @param records the names under {@code /drover/scheduler/services}, null when ZooKeeper did not answer
 */
record Snapshot(Instant at, Master master, List<Replica> replicas, Map<String, Row> rows,
    Set<String> documents, Set<String> records) {

  /** The master's view: its id, whether Drover's framework is connected, tasks and connected agents. */
  record Master(String id, boolean frameworkConnected, List<Task> tasks, Set<String> connectedAgents) {}

  /**
   * A task the master knows.
   *
   * @param id the Mesos task id, {@code <service>__<pod>-<index>-<task>__<uuid>}
   * @param state the Mesos state, e.g. {@code TASK_RUNNING}
   * @param agentId where it runs
   * @param unreachable whether it is listed among the unreachable tasks
   * @param unhealthy whether its latest status says it failed its health check
   */
  record Task(String id, String state, String agentId, boolean unreachable, boolean unhealthy) {

    /** The service owning it: everything before the first {@code __}. */
    String service() {
      int i = id.indexOf("__");
      return i < 0 ? id : id.substring(0, i);
    }

    /** The instance it is a launch of: everything before the last {@code __}. */
    String instance() {
      int i = id.lastIndexOf("__");
      return i < 0 ? id : id.substring(0, i);
    }

    /** Not terminal in Mesos's sense (an unreachable task is not terminal either). */
    boolean active() {
      return unreachable || switch (state) {
        case "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE" -> true;
        default -> false;
      };
    }
  }

  /**
   * A replica as it answered.
   *
   * @param id its election id
   * @param paused stopped with SIGSTOP by the run (not asked)
   * @param answered whether it answered both requests
   * @param acting {@code drover_leader} is 1: it leads and is not suspended
   * @param subscribed its Mesos subscription is up
   * @param leaderId whom it names as leader, or null
   * @param fencedWrites its {@code drover_fenced_writes_total}: writes it tried and that were refused
   * @param fencedByZooKeeper of those, the ones ZooKeeper refused ({@code
   *     drover_fenced_writes_by_zookeeper_total})
   */
  record Replica(String id, boolean paused, boolean answered, boolean acting, boolean subscribed,
      String leaderId, double fencedWrites, double fencedByZooKeeper) {}

  /** A service's row: what its status says. */
  record Row(String name, long generation, long observedGeneration, boolean ready, long running) {}
}

package io.drover.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a {@link Snapshot} shows the installation back at its goal (pure): one replica acting
 * as leader and subscribed, named by every replica that answers; the master with Drover's framework
 * connected and every agent connected; every wanted service Ready at its generation with exactly
 * one running task per instance; nothing running of any other service, and every uninstall done.
 */
final class Convergence {
  private Convergence() {}

  /** Null when {@code s} is at the goal, else what is still off. */
  static String missing(Snapshot s, ServiceModel model, int agents) {
    List<Snapshot.Replica> answered = s.replicas().stream().filter(Snapshot.Replica::answered).toList();
    if (s.replicas().stream().anyMatch(Snapshot.Replica::paused)) {
      return "a replica is paused";
    }
    List<Snapshot.Replica> acting = answered.stream().filter(Snapshot.Replica::acting).toList();
    if (acting.size() != 1) {
      return acting.size() + " replicas act as leader";
    }
    Snapshot.Replica leader = acting.get(0);
    if (!leader.subscribed()) {
      return "leader " + leader.id() + " is not subscribed to Mesos";
    }
    for (Snapshot.Replica r : answered) {
      if (!leader.id().equals(r.leaderId())) {
        return "replica " + r.id() + " names " + r.leaderId() + " as leader, not " + leader.id();
      }
    }
    if (s.master() == null) {
      return "the master does not answer";
    }
    if (!s.master().frameworkConnected()) {
      return "the framework is not connected to the master";
    }
    if (s.master().connectedAgents().size() != agents) {
      return s.master().connectedAgents().size() + " of " + agents + " agents connected";
    }
    if (s.rows() == null || s.documents() == null) {
      return "no replica or no ZooKeeper answer";
    }
    Map<String, ServiceModel.Wanted> wanted = model.wanted();
    if (!model.deleting().isEmpty()) {
      return "uninstalls in progress: " + model.deleting().keySet();
    }
    Map<String, List<Snapshot.Task>> active = s.master().tasks().stream().filter(Snapshot.Task::active)
        .collect(Collectors.groupingBy(Snapshot.Task::service));
    for (ServiceModel.Wanted w : wanted.values()) {
      Snapshot.Row row = s.rows().get(w.name());
      if (row == null) {
        return w.name() + " has no status row";
      }
      if (!row.ready() || row.observedGeneration() != row.generation() || row.running() != w.instances()) {
        return w.name() + " is not Ready at generation " + row.generation() + " (observed "
            + row.observedGeneration() + ", ready " + row.ready() + ", running " + row.running() + " of "
            + w.instances() + ")";
      }
      List<Snapshot.Task> tasks = active.getOrDefault(w.name(), List.of());
      Set<String> instances = tasks.stream().map(Snapshot.Task::instance).collect(Collectors.toSet());
      boolean allRunning = tasks.stream().allMatch(t -> t.state().equals("TASK_RUNNING") && !t.unreachable());
      if (tasks.size() != w.instances() || instances.size() != w.instances() || !allRunning) {
        return w.name() + " has " + tasks.size() + " non-terminal tasks in Mesos for " + w.instances()
            + " instances: " + tasks.stream().map(t -> t.instance() + " " + t.state()).toList();
      }
    }
    for (String service : active.keySet()) {
      if (!wanted.containsKey(service)) {
        return "tasks of " + service + ", which is not wanted, still run";
      }
    }
    return null;
  }
}

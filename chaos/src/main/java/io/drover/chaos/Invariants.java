package io.drover.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The invariants, judged on each {@link Snapshot} in turn (pure, no I/O; it keeps what it needs
 * from earlier snapshots). Each broken invariant is reported once per occurrence:
 *
 * <ul>
 *   <li>{@code service-lost}: a service the user wants has no document, or its scheduler record
 *       disappeared after it had one;
 *   <li>{@code one-task-per-instance}: at most one non-terminal task (unreachable ones included) per
 *       pod instance;
 *   <li>{@code one-leader}: at most one replica acting as leader ({@code drover_leader 1}) in two
 *       looks in a row (one look asks the replicas one after the other, so a handover can show both
 *       once);
 *   <li>{@code needless-relaunch}: an instance's task is replaced although it neither failed (ended
 *       FAILED, LOST, GONE..., or was last seen failing its health check), was crashed by the run,
 *       lost its agent to a replacement, nor had its spec changed by the user;
 *   <li>{@code uninstall-bound}: a deleted service is not gone (no status, no running task, no
 *       scheduler record) within the bound, whatever agent is away.
 * </ul>
 */
final class Invariants {
  private static final Set<String> FAILED = Set.of("TASK_FAILED", "TASK_LOST", "TASK_GONE",
      "TASK_GONE_BY_OPERATOR", "TASK_DROPPED", "TASK_ERROR");

  private final ServiceModel model;
  private final FaultEffects effects;
  private final Duration uninstallBound;
  private final Set<String> recorded = new HashSet<>();
  private final Map<String, Tracked> instances = new HashMap<>();
  private final Set<String> reported = new HashSet<>();
  private final Set<String> lateUninstalls = new HashSet<>();
  private final List<Long> uninstallMillis = new ArrayList<>();
  private Set<String> actingBefore = Set.of();

  /** The last task of an instance: its id, agent, latest state and health, and when it was first seen. */
  private record Tracked(String taskId, String agentId, String state, boolean unhealthy, Instant firstSeen) {}

  Invariants(ServiceModel model, FaultEffects effects, Duration uninstallBound) {
    this.model = model;
    this.effects = effects;
    this.uninstallBound = uninstallBound;
  }

  /** The violations {@code s} shows that were not reported before. */
  List<Violation> check(Snapshot s) {
    return check(s, model.wanted());
  }

  /**
   * The violations {@code s} shows that were not reported before, with {@code before} the services
   * wanted when the look began: a document created or deleted while the look was under way may or
   * may not be in it, so only services wanted from before the look to after it are expected in it.
   */
  List<Violation> check(Snapshot s, Map<String, ServiceModel.Wanted> before) {
    List<Violation> out = new ArrayList<>();
    Map<String, ServiceModel.Wanted> wanted = model.wanted();
    servicesKept(s, before, wanted, out);
    if (s.master() != null) {
      oneTaskPerInstance(s, out);
      relaunches(s, wanted, out);
    }
    oneLeader(s, out);
    uninstalls(s, out);
    return out;
  }

  /** How long each completed uninstall took, from the document's deletion, in ms. */
  List<Long> uninstallMillis() {
    return List.copyOf(uninstallMillis);
  }

  /**
   * Judges only the services wanted throughout the look: stored before it began ({@code before}) and
   * not deleted by its end ({@code after}); a document created or deleted while the look listed
   * ZooKeeper may or may not be in it.
   */
  private void servicesKept(Snapshot s, Map<String, ServiceModel.Wanted> before, Map<String, ServiceModel.Wanted> after,
      List<Violation> out) {
    List<String> kept = after.keySet().stream()
        .filter(name -> before.containsKey(name) && before.get(name).stored()).sorted().toList();
    if (s.documents() != null) {
      for (String name : kept) {
        if (!s.documents().contains(name)) {
          report(out, s, "service-lost", "document " + name + " is missing from /drover/services");
        }
      }
    }
    if (s.records() != null) {
      for (String name : kept) {
        if (s.records().contains(name)) {
          recorded.add(name);
        } else if (recorded.contains(name)) {
          report(out, s, "service-lost", "the scheduler record of " + name
              + " disappeared from /drover/scheduler/services while the service is wanted");
        }
      }
      recorded.retainAll(after.keySet());
    }
  }


  private void oneTaskPerInstance(Snapshot s, List<Violation> out) {
    Map<String, List<Snapshot.Task>> byInstance = s.master().tasks().stream()
        .filter(Snapshot.Task::active)
        .collect(Collectors.groupingBy(Snapshot.Task::instance, TreeMap::new, Collectors.toList()));
    byInstance.forEach((instance, tasks) -> {
      if (tasks.size() > 1) {
        report(out, s, "one-task-per-instance", instance + " has " + tasks.size() + " non-terminal tasks: "
            + tasks.stream().map(t -> t.id() + " " + t.state() + (t.unreachable() ? " (unreachable)" : "")
                + " on " + t.agentId()).collect(Collectors.joining(", ")));
      }
    });
  }

  private void relaunches(Snapshot s, Map<String, ServiceModel.Wanted> wanted, List<Violation> out) {
    Map<String, Snapshot.Task> byId = new HashMap<>();
    s.master().tasks().forEach(t -> byId.put(t.id(), t));
    Map<String, Snapshot.Task> activeByInstance = new HashMap<>();
    s.master().tasks().stream().filter(Snapshot.Task::active).forEach(t -> activeByInstance.put(t.instance(), t));
    // Follow the last task of every instance: its latest state while the master still lists it.
    instances.replaceAll((instance, tracked) -> {
      Snapshot.Task now = byId.get(tracked.taskId());
      return now == null ? tracked
          : new Tracked(tracked.taskId(), tracked.agentId(), now.state(), now.unhealthy(), tracked.firstSeen());
    });
    activeByInstance.forEach((instance, task) -> {
      Tracked before = instances.get(instance);
      if (before != null && before.taskId().equals(task.id())) {
        return;
      }
      if (before != null) {
        Snapshot.Task old = byId.get(before.taskId());
        if (old != null && old.active()) {
          return; // two at once: one-task-per-instance reports it; keep following the old one
        }
        if (justification(before, task, wanted) == null) {
          report(out, s, "needless-relaunch", instance + ": task " + before.taskId() + " (last seen "
              + before.state() + " on " + before.agentId() + ") was replaced by " + task.id() + " on "
              + task.agentId() + " although it neither failed, was crashed, lost its agent, nor had its spec"
              + " changed");
        }
      }
      instances.put(instance, new Tracked(task.id(), task.agentId(), task.state(), task.unhealthy(), s.at()));
    });
    Set<String> services = wanted.keySet();
    instances.keySet().removeIf(instance -> !services.contains(instance.substring(0, instance.indexOf("__"))));
  }

  /** Why the relaunch of {@code before} as {@code now} was needed, or null when it was not. */
  private String justification(Tracked before, Snapshot.Task now, Map<String, ServiceModel.Wanted> wanted) {
    if (FAILED.contains(before.state())) {
      return "it ended " + before.state();
    }
    if (before.unhealthy()) {
      return "it failed its health check";
    }
    if (effects.wasCrashed(before.taskId())) {
      return "it was crashed";
    }
    if (effects.wasReplaced(before.agentId())) {
      return "its agent was replaced";
    }
    ServiceModel.Wanted w = wanted.get(now.service());
    if (w != null && w.changed().isAfter(before.firstSeen().minusSeconds(1))) {
      return "its spec changed";
    }
    return null;
  }

  private void oneLeader(Snapshot s, List<Violation> out) {
    Set<String> acting = s.replicas().stream().filter(r -> r.answered() && r.acting())
        .map(Snapshot.Replica::id).collect(Collectors.toSet());
    if (acting.size() > 1 && actingBefore.size() > 1) {
      Set<String> both = new HashSet<>(acting);
      both.retainAll(actingBefore);
      if (both.size() > 1) {
        report(out, s, "one-leader", "replicas " + new TreeSet<>(both)
            + " all report drover_leader 1 in two looks in a row");
      }
    }
    actingBefore = acting;
  }

  private void uninstalls(Snapshot s, List<Violation> out) {
    if (s.rows() == null || s.records() == null || s.master() == null) {
      return;
    }
    model.deleting().forEach((name, deletedAt) -> {
      boolean running = s.master().tasks().stream()
          .anyMatch(t -> t.service().equals(name) && t.active() && !t.unreachable());
      boolean gone = !s.rows().containsKey(name) && !running && !s.records().contains(name);
      Duration took = Duration.between(deletedAt, s.at());
      if (gone) {
        model.teardownDone(name);
        uninstallMillis.add(took.toMillis());
      }
      if (took.compareTo(uninstallBound) > 0 && lateUninstalls.add(name)) {
        report(out, s, "uninstall-bound", "service " + name + " deleted at " + deletedAt + (gone
            ? " was gone only after " + took.toMillis() + " ms"
            : " is not gone after " + took.toMillis() + " ms (status row: " + s.rows().containsKey(name)
                + ", running tasks: " + running + ", scheduler record: " + s.records().contains(name) + ")"));
      }
    });
  }

  private void report(List<Violation> out, Snapshot s, String invariant, String evidence) {
    if (reported.add(invariant + " " + evidence)) {
      out.add(new Violation(s.at(), invariant, effects.current(), evidence));
    }
  }
}

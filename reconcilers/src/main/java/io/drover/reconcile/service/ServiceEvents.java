package io.drover.reconcile.service;

import io.drover.api.status.ServiceEvent;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskEnding;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The events of a service, derived from what changed: between two stored records (tasks launched,
 * relaunched, replaced, running, healthy or not, ended with their cause, removed; the teardown
 * begun), a configuration accepted or refused, a changed wait reason. Pure: the runtime only
 * stamps and keeps them ({@link EventHistory}).
 */
public final class ServiceEvents {

  private ServiceEvents() {}

  /** What changed from {@code before} to {@code after}, stamped {@code now}. */
  public static List<ServiceEvent> between(ServiceRecord before, ServiceRecord after, Instant now) {
    List<ServiceEvent> out = new ArrayList<>();
    String t = now.toString();
    if (!before.uninstalling() && after.uninstalling()) {
      out.add(new ServiceEvent(t, "Uninstalling", null, "the service is being uninstalled: killing its tasks, then releasing its reservations"));
    }
    for (TaskRecord r : after.tasks().values()) {
      TaskRecord was = before.tasks().get(r.info().getName());
      task(was, r, t, out);
    }
    for (TaskRecord was : before.tasks().values()) {
      if (!after.tasks().containsKey(was.info().getName())) {
        out.add(new ServiceEvent(t, "Removed", was.info().getName(), was.info().getName() + " is gone from the service's records"
            + " (its instance was decommissioned or moved, and its reservations released)"));
      }
    }
    return out;
  }

  private static void task(TaskRecord was, TaskRecord r, String t, List<ServiceEvent> out) {
    String name = r.info().getName();
    if (was == null || !was.taskId().equals(r.taskId())) {
      if (was == null) {
        out.add(new ServiceEvent(t, "Launched", name, "launched " + r.taskId().getValue() + " on " + r.hostname()));
      } else if (!was.agentId().equals(r.agentId())) {
        out.add(new ServiceEvent(t, "Replaced", name, "launched " + r.taskId().getValue() + " on " + r.hostname()
            + " on new reservations (it ran on " + was.hostname() + ")"));
      } else {
        out.add(new ServiceEvent(t, "Relaunched", name, "relaunched in place as " + r.taskId().getValue() + " on " + r.hostname()));
      }
      return;
    }
    if (!was.replace() && r.replace()) {
      out.add(new ServiceEvent(t, "Replacing", name, name + " is to move to new reservations on another agent"));
    }
    TaskStatus a = was.status();
    TaskStatus b = r.status();
    if (b == null || Objects.equals(a, b)) {
      return;
    }
    TaskCondition before = was.condition();
    TaskCondition now = r.condition();
    if (!before.terminal() && now.terminal()) {
      out.add(new ServiceEvent(t, ended(b), name, name + " " + TaskEnding.cause(r.info(), b).orElse("ended")));
      return;
    }
    if (now == TaskCondition.UNREACHABLE && before != TaskCondition.UNREACHABLE) {
      out.add(new ServiceEvent(t, "Unreachable", name, "the agent " + r.hostname() + " of " + name + " is unreachable"));
    }
    if (now == TaskCondition.RUNNING && before != TaskCondition.RUNNING) {
      out.add(new ServiceEvent(t, "Running", name, name + " is running on " + r.hostname()));
    }
    boolean wasHealthy = a == null || !a.hasHealthy() || a.getHealthy();
    if (b.hasHealthy() && !b.getHealthy() && wasHealthy) {
      out.add(new ServiceEvent(t, "Unhealthy", name, "the health check of " + name + " failed"));
    } else if (b.hasHealthy() && b.getHealthy() && (a == null || !a.hasHealthy() || !a.getHealthy())) {
      out.add(new ServiceEvent(t, "Healthy", name, "the health check of " + name + " passed"));
    }
  }

  private static String ended(TaskStatus s) {
    return switch (s.getState()) {
      case TASK_FINISHED -> "Finished";
      case TASK_FAILED, TASK_ERROR -> "Failed";
      case TASK_KILLED -> "Killed";
      default -> "Lost";
    };
  }

  /** A configuration was accepted: a new service, or a new target for a running one. */
  public static ServiceEvent configured(Target target, boolean created, Instant now) {
    String hash = target.specHash().length() > 12 ? target.specHash().substring(0, 12) : target.specHash();
    return new ServiceEvent(now.toString(), "Configured", null,
        (created ? "created from generation " : "configuration changed: generation ") + target.generation() + " (spec " + hash + ")");
  }

  /** An update was refused; the old configuration keeps running. */
  public static ServiceEvent rejected(long generation, List<String> reasons, Instant now) {
    return new ServiceEvent(now.toString(), "Rejected", null,
        "update to generation " + generation + " refused: " + String.join("; ", reasons));
  }

  /** A notable decision of the scheduler (an instance replaced because its agent is lost). */
  public static ServiceEvent notice(String text, Instant now) {
    return new ServiceEvent(now.toString(), "Replacing", null, text);
  }

  /** An operator asked for {@code action} ({@code restart}, {@code replace}) of an instance. */
  public static ServiceEvent operator(String action, String instance, Instant now) {
    String type = action.equals("restart") ? "Restarting" : "Replacing";
    String what = action.equals("restart") ? "restart in place" : "replace on new reservations";
    return new ServiceEvent(now.toString(), type, instance, "an operator asked to " + what + " " + instance);
  }

  /** Instances whose wait reason changed what it is about (not just its numbers). */
  public static List<ServiceEvent> waiting(Map<String, WaitReason> before, Map<String, WaitReason> after, Instant now) {
    List<ServiceEvent> out = new ArrayList<>();
    for (Map.Entry<String, WaitReason> e : new TreeMap<>(after).entrySet()) {
      WaitReason old = before.get(e.getKey());
      if (old == null || old.blocker() != e.getValue().blocker()) {
        out.add(new ServiceEvent(now.toString(), "Waiting", e.getKey(),
            e.getKey() + " waits for an offer that fits: " + e.getValue().message()));
      }
    }
    return out;
  }
}

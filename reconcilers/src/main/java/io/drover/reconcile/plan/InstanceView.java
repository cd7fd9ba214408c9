package io.drover.reconcile.plan;

import io.drover.api.model.TaskSpec;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.pod.PodInstances;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;

/**
 * One wanted pod instance as the target sees it: each task of its pod with its latest launch
 * (if any). All answers are derived from the records; nothing is cached.
 */
public record InstanceView(InstanceId id, Target target, List<Slot> slots, List<TaskRecord> records) {

  /** A task the pod wants, and its latest launch or null. */
  public record Slot(TaskName name, TaskSpec spec, TaskRecord record) {}

  public InstanceView {
    slots = List.copyOf(slots);
    records = List.copyOf(records);
  }

  public static InstanceView of(ServiceRecord service, InstanceId id) {
    List<Slot> slots = new ArrayList<>();
    for (TaskName n : PodInstances.tasks(service.target().spec(), id)) {
      TaskSpec spec = PodInstances.taskSpec(service.target().spec(), n).orElseThrow();
      slots.add(new Slot(n, spec, service.tasks().get(n.name())));
    }
    return new InstanceView(id, service.target(), slots, service.ofInstance(id));
  }

  // Loops, not streams: the plans ask these many times per event, and a stream allocates each time.

  /** Every task reached its goal with the target's spec. */
  public boolean done() {
    for (Slot s : slots) {
      if (!TaskJudge.done(s, target)) {
        return false;
      }
    }
    return true;
  }

  /** Some task has never run the target's spec: work for the rollout plan. */
  public boolean outdated() {
    for (Slot s : slots) {
      if (!TaskJudge.atTarget(s, target)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Deployed, but something must be relaunched or moved, or waits for an unreachable agent: work
   * for the recovery plan.
   */
  public boolean failed() {
    if (outdated()) {
      return false;
    }
    if (moving()) {
      return true;
    }
    for (Slot s : slots) {
      if (TaskJudge.wantsLaunch(s, target) || s.record().condition() == TaskCondition.UNREACHABLE) {
        return true;
      }
    }
    return false;
  }

  /** The instance must get new reservations: it never had any, was replaced, or its agent is gone. */
  public boolean moving() {
    if (records.isEmpty()) {
      return true;
    }
    for (TaskRecord r : records) {
      if (r.replace() || r.agentGone()) {
        return true;
      }
    }
    return false;
  }

  /** Nothing of the instance runs any more (a replaced instance may abandon an unreachable task). */
  public boolean settled() {
    for (TaskRecord r : records) {
      if (!r.condition().terminal() && !(r.replace() && r.condition() == TaskCondition.UNREACHABLE)) {
        return false;
      }
    }
    return true;
  }

  /** The agent holding the instance's reservations, if it has any. */
  public Optional<AgentID> agent() {
    return records.stream().findFirst().map(TaskRecord::agentId);
  }

  /** Tasks still running an older spec, which the rollout must kill before relaunching. */
  public List<TaskRecord> outdatedActive() {
    List<TaskRecord> out = new ArrayList<>();
    for (Slot s : slots) {
      if (s.record() != null
          && s.record().condition().active()
          && !TaskJudge.atTarget(s, target)) {
        out.add(s.record());
      }
    }
    return out;
  }
}

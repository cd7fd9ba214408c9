package io.drover.reconcile.service;

import io.drover.api.status.PlanStatus.PhaseStatus;
import io.drover.api.status.PlanStatus.StepStatus;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.TaskRow;
import io.drover.reconcile.plan.InstanceView;
import io.drover.reconcile.plan.TaskJudge;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.PlanLayout;
import io.drover.reconcile.state.RelaunchDelay;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskEnding;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Plan progress and task rows of a service, for the status writer: the rollout plan (deploy or
 * update) with one step per pod instance, the recovery plan, decommission while tasks are being
 * removed, and the uninstall plan during a teardown. Statuses: PENDING, IN_PROGRESS, COMPLETE,
 * WAITING (paused).
 */
public final class ServiceReport {
  static final String PENDING = "PENDING";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String COMPLETE = "COMPLETE";
  static final String WAITING = "WAITING";
  private static final String WAITING_FOR_OFFER = "waiting for an offer that fits";

  private ServiceReport() {}

  /**
   * @param waits what the offer rounds said about instances waiting for an offer
   */
  public static List<PlanStatus> plans(ServiceRecord s, Pacing pacing, WaitMemory waits, Instant now) {
    if (s.uninstalling()) {
      return List.of(UninstallReport.plan(s, now));
    }
    List<PlanStatus> out = new ArrayList<>();
    out.add(rollout(s, pacing, waits, now));
    idleRolloutPaused(s).ifPresent(out::add);
    out.add(recovery(s, pacing, waits, now));
    decommission(s).ifPresent(out::add);
    return out;
  }

  public static List<TaskRow> tasks(ServiceRecord s) {
    List<TaskRow> rows = new ArrayList<>();
    for (TaskRecord r : s.tasks().values()) {
      TaskStatus st = r.status();
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (Port p : r.info().getDiscovery().getPorts().getPortsList()) {
        ports.put(p.getName(), p.getNumber());
      }
      Boolean healthy = st != null && st.hasHealthy() ? st.getHealthy() : null;
      Boolean ready = r.info().hasCheck() && st != null ? r.runningAndReady() : null;
      rows.add(
          new TaskRow(
              r.info().getName(),
              r.taskId().getValue(),
              st == null ? "TASK_STAGING" : st.getState().name(),
              r.agentId().getValue(),
              r.hostname(),
              ports,
              healthy,
              ready,
              st == null || st.getMessage().isEmpty() ? null : st.getMessage(),
              st == null || !st.hasReason() ? null : st.getReason().name(),
              st == null || !st.hasSource() ? null : st.getSource().name(),
              TaskEnding.cause(r.info(), st).orElse(null)));
    }
    return rows;
  }

  private static PlanStatus rollout(ServiceRecord s, Pacing pacing, WaitMemory waits, Instant now) {
    PlanLayout layout = WorkPlanner.layout(s);
    Set<InstanceId> eligible = WorkPlanner.eligible(s);
    List<PhaseStatus> phases = new ArrayList<>();
    for (PlanLayout.Phase phase : layout.phases()) {
      List<StepStatus> steps = new ArrayList<>();
      for (InstanceId id : phase.steps()) {
        InstanceView v = InstanceView.of(s, id);
        String status;
        if (v.done()) {
          status = COMPLETE;
        } else if (eligible.contains(id) || started(v)) {
          status = IN_PROGRESS;
        } else {
          status = PENDING;
        }
        steps.add(status.equals(COMPLETE) ? new StepStatus(id.name(), status, null)
            : step(id.name(), status, v, pacing, waits, now));
      }
      phases.add(new PhaseStatus(phase.name(), combine(steps.stream().map(StepStatus::status).toList()), steps));
    }
    String status = combine(phases.stream().map(PhaseStatus::status).toList());
    if (s.paused(layout.name()) && !status.equals(COMPLETE)) {
      status = WAITING;
    }
    return new PlanStatus(layout.name(), status, s.paused(layout.name()), phases);
  }

  private static PlanStatus recovery(ServiceRecord s, Pacing pacing, WaitMemory waits, Instant now) {
    List<StepStatus> steps = new ArrayList<>();
    for (InstanceId id : WorkPlanner.layout(s).steps()) {
      InstanceView v = InstanceView.of(s, id);
      if (v.failed()) {
        steps.add(step(id.name(), IN_PROGRESS, v, pacing, waits, now));
      }
    }
    String status = steps.isEmpty() ? COMPLETE : IN_PROGRESS;
    if (!steps.isEmpty() && s.paused(WorkPlanner.RECOVERY)) {
      status = WAITING;
    }
    List<PhaseStatus> phases = steps.isEmpty() ? List.of() : List.of(new PhaseStatus("recover", status, steps));
    return new PlanStatus(WorkPlanner.RECOVERY, status, s.paused(WorkPlanner.RECOVERY), phases);
  }

  /**
   * The rollout plan not in use, when paused, so that the pause shows: {@code update} before the
   * first update (it holds the next one back), {@code deploy} after it (done, nothing to hold).
   */
  private static Optional<PlanStatus> idleRolloutPaused(ServiceRecord s) {
    String idle = s.updated() ? PlanLayout.DEPLOY : PlanLayout.UPDATE;
    if (!s.paused(idle)) {
      return Optional.empty();
    }
    return Optional.of(new PlanStatus(idle, s.updated() ? COMPLETE : PENDING, true, List.of()));
  }

  private static Optional<PlanStatus> decommission(ServiceRecord s) {
    Map<String, List<TaskRecord>> byInstance = new TreeMap<>();
    for (TaskRecord r : s.tasks().values()) {
      if (KillPlanner.orphan(s, r)) {
        byInstance.computeIfAbsent(r.taskName().instance().name(), k -> new ArrayList<>()).add(r);
      }
    }
    if (byInstance.isEmpty()) {
      return Optional.empty();
    }
    List<StepStatus> steps = new ArrayList<>();
    byInstance.forEach(
        (name, records) -> {
          boolean ended = records.stream().allMatch(r -> r.condition().terminal());
          steps.add(new StepStatus(name, IN_PROGRESS, ended ? "releasing reservations" : "killing tasks"));
        });
    return Optional.of(
        new PlanStatus("decommission", IN_PROGRESS, List.of(new PhaseStatus("decommission", IN_PROGRESS, steps))));
  }

  private static boolean started(InstanceView v) {
    return v.slots().stream().anyMatch(sl -> TaskJudge.atTarget(sl, v.target()));
  }

  /**
   * An unfinished step: why, in words; when it waits for an offer that fits, what the rounds said
   * (with its code as the step's reason), unless it waits only for its eligibility.
   */
  private static StepStatus step(String name, String status, InstanceView v, Pacing pacing, WaitMemory waits, Instant now) {
    String why = message(v, pacing, now);
    if (!why.endsWith(WAITING_FOR_OFFER) || status.equals(PENDING)) {
      return new StepStatus(name, status, why);
    }
    WaitReason reason = waits.reason(name, now);
    return new StepStatus(name, status, why + ": " + reason.message(), reason.blocker().code());
  }

  /** Why a step is not complete, in words. */
  static String message(InstanceView v, Pacing pacing, Instant now) {
    for (InstanceView.Slot sl : v.slots()) {
      TaskRecord r = sl.record();
      Optional<RelaunchDelay> b = pacing.backoff(sl.name().name());
      if (r != null && r.condition().terminal() && b.isPresent() && b.get().blocks(now)) {
        return sl.name() + " failed " + b.get().failures() + " time(s); relaunching after " + b.get().notBefore()
            + TaskEnding.cause(r.info(), r.status()).map(c -> ". Last time it " + c).orElse("");
      }
      Optional<Instant> givenUp = r == null || r.replace() ? Optional.empty() : LostAgents.deadline(v.target().spec(), r);
      if (givenUp.isPresent()) {
        return "the agent " + r.hostname() + " of " + sl.name() + " is unreachable; waiting for it until "
            + givenUp.get() + ", then replacing " + v.id();
      }
      if (r != null && r.condition().active() && !TaskJudge.atTarget(sl, v.target())) {
        return "stopping " + sl.name() + ", which runs an older configuration";
      }
      if (r != null && r.condition().active() && !r.atGoalNow()) {
        return sl.name() + " is " + (r.status() == null ? "launching" : r.status().getState().name() + (r.condition() == TaskCondition.RUNNING ? ", not yet healthy or ready" : ""));
      }
    }
    if (v.moving() && !v.settled()) {
      return "waiting for the old tasks to end";
    }
    if (v.moving() && !v.records().isEmpty()) {
      return "replacing " + v.id() + " on new reservations on another agent"
          + (LostAgents.hasVolume(v.target().spec(), v.id()) ? ", with a new, empty volume" : "") + "; " + WAITING_FOR_OFFER;
    }
    return WAITING_FOR_OFFER;
  }

  /** A parent's status from its children's. */
  static String combine(List<String> children) {
    if (children.stream().allMatch(COMPLETE::equals)) {
      return COMPLETE;
    }
    if (children.stream().anyMatch(c -> c.equals(IN_PROGRESS) || c.equals(COMPLETE))) {
      return IN_PROGRESS;
    }
    return PENDING;
  }
}

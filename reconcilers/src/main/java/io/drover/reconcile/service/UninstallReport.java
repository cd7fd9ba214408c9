package io.drover.reconcile.service;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.PlanStatus.PhaseStatus;
import io.drover.api.status.PlanStatus.StepStatus;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The uninstall plan: kill every task, then release every reservation (DESTROY before UNRESERVE).
 * Nothing waits for a lost agent: its steps are complete, saying what is left there.
 */
final class UninstallReport {

  private UninstallReport() {}

  static PlanStatus plan(ServiceRecord s, Instant now) {
    List<StepStatus> kills = new ArrayList<>();
    List<StepStatus> releases = new ArrayList<>();
    for (TaskRecord r : s.tasks().values()) {
      String name = r.info().getName();
      if (LostAgents.lost(s.target().spec(), r, now)) {
        String left = "left on " + r.hostname() + ", whose agent is " + (r.agentGone() ? "gone" : "unreachable")
            + "; cleaned up if it comes back";
        kills.add(new StepStatus(name, ServiceReport.COMPLETE, r.condition().terminal() ? null : "task " + left));
        releases.add(new StepStatus(name, ServiceReport.COMPLETE, r.heldIds().isEmpty() ? null : r.heldIds().size() + " reservation(s) " + left));
        continue;
      }
      boolean ended = r.condition().terminal();
      String waiting = LostAgents.deadline(s.target().spec(), r).map(t -> " (agent unreachable; given up at " + t + ")").orElse("");
      kills.add(
          new StepStatus(
              name,
              ended ? ServiceReport.COMPLETE : ServiceReport.IN_PROGRESS,
              ended ? null : "killing " + r.taskId().getValue() + waiting));
      boolean released = r.retired();
      releases.add(
          new StepStatus(
              name,
              released ? ServiceReport.COMPLETE : ended ? ServiceReport.IN_PROGRESS : ServiceReport.PENDING,
              released ? null : r.heldIds().size() + " reservation(s) on " + r.hostname() + waiting));
    }
    PhaseStatus kill = new PhaseStatus("kill-tasks", ServiceReport.combine(kills.stream().map(StepStatus::status).toList()), kills);
    PhaseStatus release = new PhaseStatus("release-resources", ServiceReport.combine(releases.stream().map(StepStatus::status).toList()), releases);
    return new PlanStatus("uninstall", ServiceReport.combine(List.of(kill.status(), release.status())), List.of(kill, release));
  }
}

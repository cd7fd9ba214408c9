package io.drover.reconcile.service;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.PlanStatus.PhaseStatus;
import io.drover.api.status.PlanStatus.StepStatus;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.List;

/** The uninstall plan: kill every task, then release every reservation (DESTROY before UNRESERVE). */
final class UninstallReport {

  private UninstallReport() {}

  static PlanStatus plan(ServiceRecord s) {
    List<StepStatus> kills = new ArrayList<>();
    List<StepStatus> releases = new ArrayList<>();
    for (TaskRecord r : s.tasks().values()) {
      boolean ended = r.condition().terminal();
      kills.add(
          new StepStatus(
              r.info().getName(),
              ended ? ServiceReport.COMPLETE : ServiceReport.IN_PROGRESS,
              ended ? null : "killing " + r.taskId().getValue()));
      boolean released = r.retired();
      releases.add(
          new StepStatus(
              r.info().getName(),
              released ? ServiceReport.COMPLETE : ended ? ServiceReport.IN_PROGRESS : ServiceReport.PENDING,
              released ? null : r.heldIds().size() + " reservation(s) on " + r.hostname()));
    }
    PhaseStatus kill = new PhaseStatus("kill-tasks", ServiceReport.combine(kills.stream().map(StepStatus::status).toList()), kills);
    PhaseStatus release = new PhaseStatus("release-resources", ServiceReport.combine(releases.stream().map(StepStatus::status).toList()), releases);
    return new PlanStatus("uninstall", ServiceReport.combine(List.of(kill.status(), release.status())), List.of(kill, release));
  }
}

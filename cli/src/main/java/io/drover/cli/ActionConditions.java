package io.drover.cli;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.Set;

/** What the operator verbs wait for with {@code --wait}: their effect, seen in the status. */
final class ActionConditions {

  private ActionConditions() {}

  /**
   * Every task {@code tasks} (full names, {@code web-0-server}) of a pod instance runs under a task
   * id it did not have before the action ({@code oldIds}), and is ready when it has a readiness
   * check; a task whose goal is to finish may have finished.
   */
  record PodRelaunched(String instance, Set<String> tasks, Set<String> oldIds)
      implements WaitCondition {

    @Override
    public boolean met(ServiceView view) {
      ServiceStatus status = view.serviceStatus();
      if (status == null || status.tasks() == null) {
        return false;
      }
      return tasks.stream().allMatch(name -> status.tasks().stream()
          .anyMatch(row -> row.name().equals(name) && relaunched(row)));
    }

    private boolean relaunched(TaskRow row) {
      if (oldIds.contains(row.taskId())) {
        return false;
      }
      return ("TASK_RUNNING".equals(row.state()) && !Boolean.FALSE.equals(row.ready()))
          || "TASK_FINISHED".equals(row.state());
    }

    /** The task rows of the instance, for the line printed once it is met. */
    String describe(ServiceView view) {
      List<TaskRow> rows = view.serviceStatus().tasks().stream()
          .filter(r -> tasks.contains(r.name())).toList();
      return String.join(", ", rows.stream()
          .map(r -> r.name() + " " + r.state() + (r.host() == null ? "" : " on " + r.host()))
          .toList());
    }

    @Override
    public String name() {
      return "relaunched";
    }
  }

  /** The status shows plan {@code plan} as paused (or, for a resume, as not paused). */
  record PlanPaused(String plan, boolean paused) implements WaitCondition {

    @Override
    public boolean met(ServiceView view) {
      PlanStatus shown = shown(view);
      return paused ? shown != null && shown.paused() : shown == null || !shown.paused();
    }

    /** The plan as the status shows it, or null. */
    PlanStatus shown(ServiceView view) {
      ServiceStatus status = view.serviceStatus();
      if (status == null || status.plans() == null) {
        return null;
      }
      return status.plans().stream().filter(p -> p.name().equals(plan)).findFirst().orElse(null);
    }

    @Override
    public String name() {
      return paused ? "paused" : "resumed";
    }
  }
}

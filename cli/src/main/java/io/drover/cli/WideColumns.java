package io.drover.cli;

import io.drover.api.status.Condition;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.TreeSet;

/**
 * The columns {@code get -o wide} adds: the rollout plan, the hosts the tasks run on, and one line
 * on what holds the service up (the same message as the dashboard's list).
 */
final class WideColumns {

  static final String[] HEADER = {"PLAN", "HOSTS", "MESSAGE"};

  private WideColumns() {}

  /** The three cells of a service; {@code -} where there is nothing to show. */
  static String[] of(ServiceRow row) {
    ServiceStatus status = row.serviceStatus();
    return new String[] {plan(status), hosts(status), message(row, status)};
  }

  private static String plan(ServiceStatus status) {
    if (status == null || status.plans() == null || status.plans().isEmpty()) {
      return "-";
    }
    PlanStatus rollout = status.plans().get(0);
    return rollout.name() + " " + rollout.status() + (rollout.paused() ? " (paused)" : "");
  }

  private static String hosts(ServiceStatus status) {
    List<TaskRow> tasks = status == null || status.tasks() == null ? List.of() : status.tasks();
    TreeSet<String> hosts = new TreeSet<>();
    tasks.stream().filter(t -> "TASK_RUNNING".equals(t.state()) && t.host() != null)
        .forEach(t -> hosts.add(t.host()));
    return hosts.isEmpty() ? "-" : String.join(",", hosts);
  }

  /**
   * The first problem of an invalid document, else the first error the controller reported, else
   * (when not Ready) the first unfinished step that says why, else the Ready condition's message.
   */
  private static String message(ServiceRow row, ServiceStatus status) {
    if (row.document() != null && !row.document().valid()) {
      return row.document().firstProblem();
    }
    if (status == null) {
      return "-";
    }
    if (status.errors() != null && !status.errors().isEmpty()) {
      return status.errors().get(0);
    }
    Condition ready = status.condition(Condition.READY);
    if (ready != null && ready.isTrue()) {
      return "-";
    }
    for (PlanStatus plan : status.plans() == null ? List.<PlanStatus>of() : status.plans()) {
      for (PlanStatus.PhaseStatus phase : nonNull(plan.phases())) {
        for (PlanStatus.StepStatus step : nonNull(phase.steps())) {
          if (!"COMPLETE".equals(step.status()) && step.message() != null) {
            return step.name() + ": " + step.message();
          }
        }
      }
    }
    return ready == null || ready.message() == null ? "-" : ready.message();
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}

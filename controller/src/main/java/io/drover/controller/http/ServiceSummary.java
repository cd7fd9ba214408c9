package io.drover.controller.http;

import io.drover.api.status.Condition;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.PlanStatus.PhaseStatus;
import io.drover.api.status.PlanStatus.StepStatus;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's row in {@code GET /v1/services}: small enough that a list of 1,000 services is one
 * quick request ({@code name, generation, observedGeneration, phase, ready, tasks, running, valid,
 * message}); plans and task rows are in {@code GET /v1/services/{name}}.
 */
final class ServiceSummary {
  private static final String RUNNING = "TASK_RUNNING";
  private static final String COMPLETE = "COMPLETE";

  private ServiceSummary() {}

  static Map<String, Object> of(ServiceView s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("generation", s.generation());
    ServiceStatus st = s.status();
    m.put("observedGeneration", st == null ? null : st.observedGeneration());
    m.put("phase", st == null || st.phase() == null ? null : st.phase().json());
    Condition ready = st == null ? null : st.condition(Condition.READY);
    m.put("ready", ready != null && ready.isTrue());
    List<TaskRow> tasks = st == null || st.tasks() == null ? List.of() : st.tasks();
    m.put("tasks", tasks.size());
    m.put("running", tasks.stream().filter(t -> RUNNING.equals(t.state())).count());
    m.put("valid", s.valid());
    m.put("message", message(s, ready));
    return m;
  }

  /**
   * One line on what holds the service up, or null when it is Ready: the first validation or
   * refusal error, else the first unfinished step that says why (e.g. {@code web-0: waiting for an
   * offer that fits}), else the Ready condition's message.
   */
  static String message(ServiceView s, Condition ready) {
    ServiceStatus st = s.status();
    if (!s.errors().isEmpty()) {
      return s.errors().get(0);
    }
    if (st != null && st.errors() != null && !st.errors().isEmpty()) {
      return st.errors().get(0);
    }
    if (ready != null && ready.isTrue()) {
      return null;
    }
    for (PlanStatus plan : st == null || st.plans() == null ? List.<PlanStatus>of() : st.plans()) {
      for (PhaseStatus phase : plan.phases() == null ? List.<PhaseStatus>of() : plan.phases()) {
        for (StepStatus step : phase.steps() == null ? List.<StepStatus>of() : phase.steps()) {
          if (!COMPLETE.equals(step.status()) && step.message() != null) {
            return step.name() + ": " + step.message();
          }
        }
      }
    }
    return ready == null ? null : ready.message();
  }
}

package io.drover.cli;

import io.drover.api.Problem;
import io.drover.api.model.PodSpec;
import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;
import io.drover.api.status.Condition;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The readable summary {@code drover describe} prints: identity, spec, conditions, plan progress,
 * tasks, events and errors, each section only when there is something in it.
 */
final class ServiceDescription {

  private final PrintWriter out;
  private final Instant now;

  ServiceDescription(PrintWriter out, Instant now) {
    this.out = out;
    this.now = now;
  }

  void print(ServiceView view) {
    ServiceStatus status = view.serviceStatus();
    field("Name", view.name());
    field("Generation", view.generation());
    field("Observed", view.observed());
    field("Phase", view.phase());
    field("Ready", view.ready());
    if (view.created() != null) {
      field("Created", view.created() + " (" + Ages.of(view.created(), now) + " ago)");
    }
    if (view.desired() != null && view.desired().valid()) {
      spec(view.desired().loaded().resource());
    }
    if (status != null) {
      if (status.specHash() != null) {
        field("Spec hash", status.specHash());
      }
      conditions(status.conditions());
      plans(status.plans());
      tasks(status.tasks());
      events(status.events());
      if (status.truncated() != null) {
        field("Truncated", status.truncated());
      }
    }
    errors(view);
  }

  private void spec(ServiceResource resource) {
    Map<String, String> labels = resource.metadata().labels();
    if (labels != null && !labels.isEmpty()) {
      field("Labels", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ")));
    }
    if (resource.spec() == null || resource.spec().pods() == null) {
      return;
    }
    out.println("Pods:");
    resource.spec().pods().forEach((podName, pod) -> pod(podName, pod));
  }

  private void pod(String podName, PodSpec pod) {
    String placement = pod.placement() != null && pod.placement().maxPerHost() != null
        ? ", at most " + pod.placement().maxPerHost() + " per host" : "";
    out.println("  " + podName + " (count " + pod.count() + placement + ")");
    if (pod.tasks() == null) {
      return;
    }
    pod.tasks().forEach((taskName, task) -> {
      out.println("    " + taskName + ": " + resources(task));
      out.println("      cmd: " + task.cmd());
    });
  }

  private static String resources(TaskSpec task) {
    List<String> parts = new ArrayList<>();
    parts.add("goal " + task.goal());
    parts.add("cpus " + task.cpus());
    parts.add("memory " + task.memory() + " MiB");
    if (task.disk() != null && task.disk() > 0) {
      parts.add("disk " + task.disk() + " MiB");
    }
    if (task.ports() != null && !task.ports().isEmpty()) {
      parts.add("ports " + task.ports().entrySet().stream()
          .map(e -> e.getKey() + "=" + port(e.getValue())).collect(Collectors.joining(",")));
    }
    if (task.volume() != null) {
      parts.add("volume " + task.volume().path() + " (" + task.volume().sizeMiB() + " MiB)");
    }
    return String.join(", ", parts);
  }

  private static String port(PortSpec port) {
    return port.port() == null || port.port() == 0 ? "any" : port.port().toString();
  }

  private void conditions(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return;
    }
    out.println("Conditions:");
    Table table = new Table("TYPE", "STATUS", "REASON", "MESSAGE", "SINCE");
    for (Condition c : conditions) {
      table.row(c.type(), c.status(), text(c.reason()), text(c.message()),
          c.lastTransitionTime() == null ? "-" : c.lastTransitionTime());
    }
    table.print(out, "  ");
  }

  private void plans(List<PlanStatus> plans) {
    if (plans == null || plans.isEmpty()) {
      return;
    }
    out.println("Plans:");
    for (PlanStatus plan : plans) {
      out.println("  " + plan.name() + ": " + plan.status() + (plan.paused() ? " (paused)" : ""));
      for (PlanStatus.PhaseStatus phase : nonNull(plan.phases())) {
        out.println("    " + phase.name() + ": " + phase.status());
        for (PlanStatus.StepStatus step : nonNull(phase.steps())) {
          out.println("      " + step.name() + ": " + step.status() + why(step));
        }
      }
    }
  }

  /** A step's message, and the code of what it waits for, if it waits for an offer. */
  private static String why(PlanStatus.StepStatus step) {
    if (step.message() == null || step.message().isEmpty()) {
      return "";
    }
    return " (" + step.message() + (step.reason() == null ? "" : "; reason: " + step.reason()) + ")";
  }

  private void tasks(List<TaskRow> tasks) {
    if (tasks == null || tasks.isEmpty()) {
      return;
    }
    out.println("Tasks:");
    Table table = new Table("NAME", "STATE", "HOST", "PORTS", "HEALTHY", "READY", "MESSAGE");
    for (TaskRow t : tasks) {
      String ports = t.ports() == null || t.ports().isEmpty() ? "-" : t.ports().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
      table.row(t.name(), text(t.state()), text(t.host()), ports, flag(t.healthy()),
          flag(t.ready()), text(said(t)));
    }
    table.print(out, "  ");
  }

  /** The service's latest events, oldest first, as kubectl shows an object's events. */
  private void events(List<ServiceEvent> events) {
    if (events == null || events.isEmpty()) {
      return;
    }
    out.println("Events:");
    Table table = new Table("AGE", "TYPE", "OBJECT", "MESSAGE");
    for (ServiceEvent e : events) {
      table.row(age(e.time()), text(e.type()), text(e.subject()), text(e.message()));
    }
    table.print(out, "  ");
  }

  private String age(String time) {
    if (time == null) {
      return "-";
    }
    try {
      return Ages.of(Instant.parse(time), now);
    } catch (DateTimeParseException e) {
      return time;
    }
  }

  /** Why the task ended, if it did; else Mesos's message and reason. */
  private static String said(TaskRow t) {
    if (t.cause() != null) {
      return t.cause();
    }
    if (t.reason() == null) {
      return t.message();
    }
    return (t.message() == null ? "" : t.message() + " ") + "(" + t.reason() + ")";
  }

  private void errors(ServiceView view) {
    List<String> errors = new ArrayList<>();
    if (view.desired() != null && !view.desired().valid()) {
      view.desired().loaded().problems().stream().map(Problem::toString).forEach(errors::add);
    }
    if (view.status() != null && view.status().error() != null) {
      errors.add(view.status().error());
    }
    ServiceStatus status = view.serviceStatus();
    if (status != null && status.errors() != null) {
      status.errors().stream().filter(e -> !errors.contains(e)).forEach(errors::add);
    }
    if (!errors.isEmpty()) {
      out.println("Errors:");
      errors.forEach(e -> out.println("  " + e));
    }
  }

  private void field(String label, String value) {
    out.println(String.format("%-12s%s", label + ":", value));
  }

  private static String text(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static String flag(Boolean b) {
    return b == null ? "-" : b ? "yes" : "no";
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}

package io.drover.cli;

import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.DesiredDocument;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code drover restart|replace pod SERVICE POD-INDEX}: an action on one pod instance, sent to the
 * leading controller; with {@code --wait} it returns once each task of the instance runs under a
 * new task id (and is ready, when it has a readiness check).
 */
abstract class PodActionVerb extends OperatorVerb {

  /** Service names are DNS labels; instances add {@code -<index>} to a pod name. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  @Parameters(index = "0", paramLabel = "pod", description = "The resource type: pod.")
  private String kind;

  @Parameters(index = "1", paramLabel = "SERVICE", description = "The service.")
  private String service;

  @Parameters(index = "2", paramLabel = "POD-INDEX",
      description = "The pod instance: the pod's name and its index, e.g. web-0.")
  private String instance;

  /** The action in the API's path: {@code restart} or {@code replace}. */
  abstract String action();

  /**
   * Whether the action relaunches the instance's tasks that already ended too ({@code replace}
   * moves all of them), not only those still active ({@code restart} kills those alone).
   */
  abstract boolean relaunchesEndedTasks();

  @Override
  public Integer call() throws StoreException, IOException, InterruptedException {
    if (!kind.equals("pod") && !kind.equals("pods")) {
      throw new ParameterException(commandLine(), "unknown resource '" + kind + "': write '"
          + commandLine().getCommandName() + " pod SERVICE POD-INDEX'");
    }
    requireName("service", service);
    requireName("pod instance", instance);
    String what = action() + " of pod " + instance;
    try (StoreSession session = openStore()) {
      Optional<DesiredDocument> desired = requireService(session, service);
      if (desired.isEmpty()) {
        return ExitCodes.NEGATIVE;
      }
      List<TaskRow> before = session.status().read(service).map(StatusDocument::status)
          .map(ServiceStatus::tasks).orElse(List.of());
      Set<String> tasks = tasksToRelaunch(desired.get(), before);
      Set<String> oldIds = before.stream().map(TaskRow::taskId).collect(Collectors.toSet());
      int sent = send(session, service, "v1/services/" + service + "/pods/" + instance + "/"
          + action(), what);
      if (sent != ExitCodes.OK || !await()) {
        return sent;
      }
      if (tasks.isEmpty()) {
        context().out().println("service/" + service + ": pod " + instance
            + " had no running task to relaunch; nothing to wait for");
        return ExitCodes.OK;
      }
      ActionConditions.PodRelaunched relaunched =
          new ActionConditions.PodRelaunched(instance, tasks, oldIds);
      int waited = awaitEffect(session, service, relaunched,
          "pod " + instance + " of service/" + service + " to be relaunched");
      if (waited == ExitCodes.OK) {
        ServiceView view = new ServiceView(service, session.desired().read(service).orElse(null),
            session.status().read(service).orElse(null));
        context().out().println("service/" + service + ": pod " + instance + " relaunched ("
            + relaunched.describe(view) + ")");
      }
      return waited;
    }
  }

  private void requireName(String what, String value) {
    if (!NAME.matcher(value).matches()) {
      throw new ParameterException(commandLine(), "invalid " + what + " name '" + value
          + "': letters, digits, '.', '_' and '-'");
    }
  }

  /**
   * The full names of the instance's tasks the action relaunches: every task of its pod in the
   * spec, or for a restart only those whose last state was not terminal.
   */
  private Set<String> tasksToRelaunch(DesiredDocument desired, List<TaskRow> before) {
    int dash = instance.lastIndexOf('-');
    ServiceResource resource = desired.valid() ? desired.loaded().resource() : null;
    Map<String, PodSpec> pods = resource == null || resource.spec() == null
        ? Map.of() : resource.spec().pods();
    PodSpec pod = dash > 0 && pods != null ? pods.get(instance.substring(0, dash)) : null;
    if (pod == null || pod.tasks() == null) {
      return Set.of();
    }
    Set<String> names = pod.tasks().keySet().stream().map(t -> instance + "-" + t)
        .collect(Collectors.toSet());
    if (relaunchesEndedTasks()) {
      return names;
    }
    return before.stream().filter(r -> names.contains(r.name()) && !terminal(r))
        .map(TaskRow::name).collect(Collectors.toSet());
  }

  private static boolean terminal(TaskRow row) {
    return Set.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST",
        "TASK_DROPPED", "TASK_GONE").contains(row.state());
  }
}

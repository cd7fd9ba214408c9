package io.drover.cli;

import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the one task {@code drover logs} shows from a service's status rows ({@code <pod>-<index>-<task>}
 * names): {@code --pod web-0} keeps that pod instance's tasks, {@code --task server} that task of
 * each instance; with neither, a service must have a single task.
 */
final class TaskChoice {

  private static final Pattern INSTANCE = Pattern.compile("(.+?-\\d+)-.+");

  private TaskChoice() {}

  static TaskRow pick(String service, List<TaskRow> rows, String pod, String task) throws LogsFailure {
    if (rows == null || rows.isEmpty()) {
      throw new LogsFailure(ExitCodes.NEGATIVE, "service/" + service + " has no tasks yet: see 'drover describe service "
          + service + "'");
    }
    List<TaskRow> matching = rows.stream()
        .filter(r -> pod == null || r.name().startsWith(pod + "-"))
        .filter(r -> task == null || r.name().endsWith("-" + task))
        .toList();
    String names = String.join(", ", rows.stream().map(TaskRow::name).toList());
    if (matching.isEmpty()) {
      throw new LogsFailure(ExitCodes.NEGATIVE, "service/" + service + " has no task" + describe(pod, task)
          + "; its tasks are " + names);
    }
    if (matching.size() > 1) {
      throw new LogsFailure(ExitCodes.USAGE, "service/" + service + " has " + matching.size() + " tasks"
          + describe(pod, task) + ": " + String.join(", ", matching.stream().map(TaskRow::name).toList())
          + "; choose one with --pod (e.g. --pod " + instanceOf(matching.get(0).name()) + ") and --task");
    }
    return matching.get(0);
  }

  /** The pod instance ({@code web-0}) of a task named {@code web-0-server}. */
  private static String instanceOf(String name) {
    Matcher m = INSTANCE.matcher(name);
    return m.matches() ? m.group(1) : name;
  }

  private static String describe(String pod, String task) {
    StringBuilder out = new StringBuilder();
    if (pod != null) {
      out.append(" in pod ").append(pod);
    }
    if (task != null) {
      out.append(" named ").append(task);
    }
    return out.toString();
  }
}

package io.drover.mesoslocal;

import org.apache.mesos.v1.Protos.TaskInfo;

/** The master's checks of a TaskInfo in a LAUNCH; each failure becomes TASK_ERROR with this message. */
final class TaskValidation {

  private TaskValidation() {}

  /** Null when the task is valid and its resources fit in {@code available}. */
  static String validate(TaskInfo task, AgentRecord agent, FrameworkRecord framework, Resources needed,
      Resources available) {
    String id = task.getTaskId().getValue();
    String idError = validateId(id);
    if (idError != null) {
      return "Task ID '" + id + "' is invalid: " + idError;
    }
    if (framework.tasks.containsKey(id)) {
      return "Task has duplicate ID: " + id;
    }
    if (!task.getAgentId().equals(agent.id)) {
      return "Task uses invalid agent: " + task.getAgentId().getValue();
    }
    if (task.hasExecutor()) {
      return "Task uses a custom executor: mesos-local runs command tasks (TaskInfo.command) only";
    }
    if (!task.hasCommand() || task.getCommand().getValue().isEmpty()) {
      return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
    }
    if (needed.isEmpty()) {
      return "Task uses no resources";
    }
    if (!available.contains(needed)) {
      return "Total resources " + needed + " required by task and its executor is more than available " + available;
    }
    return null;
  }

  /** {@code common::validation::validateID}. */
  static String validateId(String id) {
    if (id.isEmpty()) {
      return "ID must not be empty";
    }
    if (id.length() > 255) {
      return "ID must not be greater than 255 characters";
    }
    if (id.equals(".") || id.equals("..")) {
      return "'" + id + "' is disallowed";
    }
    for (char c : id.toCharArray()) {
      if (Character.isISOControl(c) || c == '/' || c == '\\') {
        return "'" + id + "' contains invalid characters";
      }
    }
    return null;
  }
}

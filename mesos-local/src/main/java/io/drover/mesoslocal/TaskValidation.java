package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The master's checks of a TaskInfo in a LAUNCH ({@code validation::task::validate} in
 * src/master/validation.cpp, in its order); each failure becomes TASK_ERROR with Mesos's message.
 * Resources without {@code allocation_info} get the offer's, as the master injects it before
 * validating; a resource allocated to another role is then not among the offered ones.
 */
final class TaskValidation {

  private TaskValidation() {}

  /**
   * Null when the task is valid and {@code needed} (its resources, plus a group's executor's)
   * fits in {@code available}, which was offered to {@code role}.
   */
  static String validate(TaskInfo task, AgentRecord agent, FrameworkRecord framework, String role, Resources needed,
      Resources available) {
    String error = validateTask(task, agent, framework, role);
    if (error != null) {
      return error;
    }
    if (task.hasExecutor()) {
      return "Task uses a custom executor: mesos-local runs command tasks (TaskInfo.command) only";
    }
    if (!task.hasCommand() || task.getCommand().getValue().isEmpty()) {
      return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
    }
    if (!available.contains(needed) || !allocatedTo(task.getResourcesList(), role)) {
      return "Total resources " + ResourceFormat.describe(needed.toList(), role)
          + " required by task and its executor is more than available "
          + ResourceFormat.describe(available.toList(), role);
    }
    return null;
  }

  /** {@code validateTask}: ids, agent, kill policy, checks, resources, command. */
  private static String validateTask(TaskInfo task, AgentRecord agent, FrameworkRecord framework, String role) {
    String id = task.getTaskId().getValue();
    String error = validateId(id);
    if (error != null) {
      return error;
    }
    TaskRecord existing = framework.tasks.get(id);
    if (existing != null) {
      return existing.unreachable ? "Task reuses the ID of an unreachable task: " + id : "Task has duplicate ID: " + id;
    }
    if (!task.getAgentId().equals(agent.id)) {
      return "Task uses invalid agent " + task.getAgentId().getValue() + " while agent " + agent.idValue()
          + " is expected";
    }
    if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        && task.getKillPolicy().getGracePeriod().getNanoseconds() < 0) {
      return "Task's 'kill_policy.grace_period' must be non-negative";
    }
    if (task.hasMaxCompletionTime() && task.getMaxCompletionTime().getNanoseconds() < 0) {
      return "Task's `max_completion_time` must be non-negative";
    }
    if (task.hasCheck()) {
      error = CheckValidation.checkInfo(task.getCheck());
      if (error != null) {
        return "Task uses invalid check: " + error;
      }
    }
    if (task.hasHealthCheck()) {
      error = CheckValidation.healthCheck(typed(task.getHealthCheck()));
      if (error != null) {
        return "Task uses invalid health check: " + error;
      }
    }
    error = validateResources(task.getResourcesList(), role);
    if (error != null) {
      return error;
    }
    if (task.hasCommand()) {
      error = CheckValidation.commandInfo(task.getCommand());
      if (error != null) {
        return "Task's `CommandInfo` is invalid: " + error;
      }
    }
    return null;
  }

  /** {@code task::internal::validateResources}, after the master's format check and upgrade. */
  private static String validateResources(List<Resource> resources, String role) {
    if (resources.isEmpty()) {
      return "Task uses no resources";
    }
    String error = ResourceValidation.format(resources);
    if (error != null) {
      return error;
    }
    List<Resource> normalized = new ArrayList<>();
    resources.forEach(r -> normalized.add(ResourceFormat.normalize(r)));
    error = ResourceValidation.resources(normalized);
    if (error != null) {
      return "Task uses invalid resources: Invalid resources: " + error;
    }
    error = ResourceValidation.uniquePersistenceIds(normalized);
    if (error != null) {
      return "Task uses duplicate persistence ID: " + error;
    }
    String first = null;
    for (Resource r : resources) {
      if (r.hasAllocationInfo() && !r.getAllocationInfo().hasRole()) {
        return "Invalid task resources: The resources are not allocated to a role";
      }
      String allocated = allocationRole(r, role);
      if (first == null) {
        first = allocated;
      } else if (!allocated.equals(first)) {
        return "Invalid task resources: The resources have multiple allocation roles ('" + allocated + "' and '"
            + first + "') but only one allocation role is allowed";
      }
    }
    error = ResourceValidation.revocableMix(resources);
    return error == null ? null : "Task mixes revocable and non-revocable resources: " + error;
  }

  /**
   * {@code validateExecutor} for a task group's executor: its framework id set (the master does not
   * fill it in for LAUNCH_GROUP), at least 0.01 cpus and 32 MB of memory, and some disk.
   */
  static String executor(ExecutorInfo executor) {
    if (!executor.hasFrameworkId()) {
      return "'ExecutorInfo.framework_id' must be set";
    }
    Resources r = Resources.of(executor.getResourcesList());
    String id = executor.getExecutorId().getValue();
    boolean hasCpus = executor.getResourcesList().stream().anyMatch(x -> x.getName().equals("cpus"));
    boolean hasMem = executor.getResourcesList().stream().anyMatch(x -> x.getName().equals("mem"));
    if (!hasCpus || r.scalar("cpus") < 0.01) {
      return "Executor '" + id + "' uses less CPUs (" + (hasCpus ? ResourceFormat.number(r.scalar("cpus")) : "None")
          + ") than the minimum required (0.01)";
    }
    if (!hasMem || r.scalar("mem") < 32) {
      return "Executor '" + id + "' uses less memory (" + (hasMem ? ResourceFormat.number(r.scalar("mem")) + "MB" : "None")
          + ") than the minimum required (32MB)";
    }
    if (executor.getResourcesList().stream().noneMatch(x -> x.getName().equals("disk"))) {
      return "Executor '" + id + "' uses no disk";
    }
    return null;
  }

  /** Whether every resource is (or, without allocation info, will be made) allocated to the offer's role. */
  static boolean allocatedTo(List<Resource> resources, String role) {
    return resources.stream().allMatch(r -> allocationRole(r, role).equals(role));
  }

  private static String allocationRole(Resource r, String offerRole) {
    return r.hasAllocationInfo() && r.getAllocationInfo().hasRole() ? r.getAllocationInfo().getRole() : offerRole;
  }

  /** The master fills in a missing health check type from the fields set (Master::accept). */
  private static HealthCheck typed(HealthCheck check) {
    if (check.hasType()) {
      return check;
    }
    if (check.hasCommand() && !check.hasHttp()) {
      return check.toBuilder().setType(HealthCheck.Type.COMMAND).build();
    }
    if (check.hasHttp() && !check.hasCommand()) {
      return check.toBuilder().setType(HealthCheck.Type.HTTP).build();
    }
    return check;
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

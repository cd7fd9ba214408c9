package io.drover.mesoslocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Volume;

/**
 * The agents' side of the master: starts and kills tasks through the {@link TaskRunner}, turns
 * executor reports into reliable status updates, and kills the rest of a task group (the tasks of one
 * LAUNCH_GROUP, not every task of its executor) when one of them fails or is killed, as the default
 * executor does; a task that finishes leaves its group running. Owned by the master loop.
 */
final class Agents {

  private final MasterState state;
  private final TaskRunner runner;
  private final StatusUpdates updates;

  Agents(MasterState state, TaskRunner runner, StatusUpdates updates) {
    this.state = state;
    this.runner = runner;
    this.updates = updates;
  }

  /** Starts a validated command task whose resources came from an offer of {@code role}. */
  void launch(FrameworkRecord framework, AgentRecord agent, TaskInfo task, Resources resources, String role) {
    ExecutorID executorId = ExecutorID.newBuilder().setValue(task.getTaskId().getValue()).build();
    Path run = agent.executorRunDir(framework.idValue(), executorId.getValue(), MasterState.fastRandomUuid().toString());
    TaskKey key = start(framework, agent, task, resources, role, executorId, null, run);
    runner.launch(new LaunchSpec(key, task, run, volumes(agent, task),
        mesosEnv(framework, agent, task, executorId), killingCapable(framework)));
  }

  /**
   * Starts a validated task of the LAUNCH_GROUP {@code group} on its default executor, as the real
   * default executor does: its sandbox is {@code tasks/<task id>} in the executor's, with its own
   * persistent volumes linked in as a command task's are, and the parts of the executor's sandbox
   * its {@code SANDBOX_PATH} volumes of type PARENT name.
   */
  void launchInGroup(FrameworkRecord framework, AgentRecord agent, TaskInfo task, Resources resources, String role,
      GroupExecutor executor, String group) {
    ExecutorID executorId = executor.info().getExecutorId();
    Path run = executor.runDir();
    TaskKey key = start(framework, agent, task, resources, role, executorId, group, run);
    Map<String, Path> links = new LinkedHashMap<>(volumes(agent, task));
    for (Volume v : task.getContainer().getVolumesList()) {
      if (v.getSource().getType() == Volume.Source.Type.SANDBOX_PATH
          && v.getSource().getSandboxPath().getType() == Volume.Source.SandboxPath.Type.PARENT) {
        links.put(v.getContainerPath(), run.resolve(v.getSource().getSandboxPath().getPath().replaceFirst("^/+", "")));
      }
    }
    runner.launch(new LaunchSpec(key, task, run.resolve("tasks").resolve(key.taskId()), links,
        mesosEnv(framework, agent, task, executorId), killingCapable(framework)));
  }

  private TaskKey start(FrameworkRecord framework, AgentRecord agent, TaskInfo task, Resources resources, String role,
      ExecutorID executorId, String group, Path run) {
    TaskKey key = new TaskKey(framework.idValue(), task.getTaskId().getValue());
    TaskRecord record = new TaskRecord(task, key, agent, resources, role, executorId, group, state.clock.millis(), run);
    framework.tasks.put(key.taskId(), record);
    agent.tasks.put(key, record);
    agent.frameworks.put(key.frameworkId(), framework.info);
    agent.tasksChanged();
    return key;
  }

  private static boolean killingCapable(FrameworkRecord framework) {
    return framework.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
  }

  /** Handles an executor report: a new status update with a uuid, queued for reliable delivery. */
  void executorUpdate(ExecutorUpdate u) {
    FrameworkRecord framework = state.frameworks.get(u.key().frameworkId());
    TaskRecord task = framework == null ? null : framework.tasks.get(u.key().taskId());
    if (task == null || task.isTerminal()) {
      return;
    }
    TaskStatus.Builder status = TaskStatus.newBuilder()
        .setTaskId(task.info.getTaskId())
        .setState(u.state())
        .setSource(u.source())
        .setAgentId(task.agent.id)
        .setExecutorId(task.executorId)
        .setTimestamp(state.now())
        .setUuid(MasterState.randomUuid());
    if (u.source() == TaskStatus.Source.SOURCE_EXECUTOR) {
      status.setContainerStatus(task.containerStatus());
    }
    if (u.message() != null) {
      status.setMessage(u.message());
    }
    if (u.reason() != null) {
      status.setReason(u.reason());
    }
    if (u.healthy() != null) {
      status.setHealthy(u.healthy());
    }
    if (u.checkStatus() != null) {
      status.setCheckStatus(u.checkStatus());
    }
    updates.enqueue(task, status.build());
    if (task.inGroup && TaskStates.isTerminal(u.state())) {
      if (u.state() != TaskState.TASK_FINISHED) {
        for (TaskRecord sibling : framework.tasks.values()) {
          if (sibling != task && task.group.equals(sibling.group)) {
            kill(sibling, null);
          }
        }
      }
      if (task.agent.liveExecutor(framework.idValue(), task.executorId.getValue()).isEmpty()) {
        task.agent.executors.remove(GroupExecutor.key(framework.idValue(), task.executorId.getValue()));
      }
    }
  }

  /** Kills a task with the given grace period, or the task's own kill policy when null. */
  void kill(TaskRecord task, Duration grace) {
    if (task.isTerminal() || task.killRequested) {
      return;
    }
    task.killRequested = true;
    runner.kill(task.key, grace);
  }

  /**
   * Kills every task of a framework that is being removed, each with its kill policy's grace period;
   * absent agents do it when they return.
   */
  void shutdownFramework(FrameworkRecord framework) {
    for (TaskRecord task : List.copyOf(framework.tasks.values())) {
      if (task.agent.connected) {
        runner.kill(task.key, null);
      } else {
        task.agent.tasksToKill.add(task.key);
      }
      updates.cancelRetry(task);
      task.agent.ended(task);
    }
  }

  /** Kills a task's processes and drops its pending updates: its agent is gone for good. */
  void forget(TaskRecord task) {
    runner.kill(task.key, Duration.ZERO);
    updates.cancelRetry(task);
    task.pendingUpdates.clear();
    task.agent.tasks.remove(task.key);
    task.agent.tasksChanged();
  }

  boolean crash(TaskRecord task) {
    return runner.crash(task.key);
  }

  /** Kills, on a returning agent, the tasks of frameworks removed while it was away. */
  void applyPendingKills(AgentRecord agent) {
    agent.tasksToKill.forEach(key -> runner.kill(key, null));
    agent.tasksToKill.clear();
  }

  private static Map<String, Path> volumes(AgentRecord agent, TaskInfo task) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (Resource r : task.getResourcesList()) {
      Resource n = ResourceFormat.normalize(r);
      if (ResourceFormat.isPersistentVolume(n) && n.getDisk().hasVolume()) {
        String role = ResourceFormat.reservationRole(n).orElse("*");
        out.put(n.getDisk().getVolume().getContainerPath(),
            agent.volumeDir(role, n.getDisk().getPersistence().getId()));
      }
    }
    return out;
  }

  private static Map<String, String> mesosEnv(FrameworkRecord framework, AgentRecord agent, TaskInfo task,
      ExecutorID executorId) {
    return Map.of(
        "MESOS_TASK_ID", task.getTaskId().getValue(),
        "MESOS_FRAMEWORK_ID", framework.idValue(),
        "MESOS_AGENT_ID", agent.idValue(),
        "MESOS_SLAVE_ID", agent.idValue(),
        "MESOS_EXECUTOR_ID", executorId.getValue(),
        "HOST", agent.hostname());
  }
}

package io.drover.mesoslocal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A launched task: the master's view (latest state, reachability) plus the agent's reliable status
 * update stream for it (updates wait in order until the framework acknowledges each one).
 * Owned by the master loop.
 */
final class TaskRecord {

  final TaskInfo info;
  final TaskKey key;
  final AgentRecord agent;
  final Resources resources;
  final String role;
  final ExecutorID executorId;
  /** Tasks launched by LAUNCH_GROUP share their default executor and its sandbox. */
  final boolean inGroup;
  /**
   * The tasks of one LAUNCH_GROUP (named by its first task's id; null for command tasks): the default
   * executor kills them all when one of them fails or is killed.
   */
  final String group;
  final long launchedAt;
  /** The executor's run directory ({@code .../executors/<executor>/runs/<container>}), as the agent reports it. */
  final Path runDir;
  TaskState state = TaskState.TASK_STAGING;
  TaskStatus latestStatus;
  /** Every state update the agent sent, oldest first, as the master's Task keeps them for /state. */
  final List<TaskStatus> statuses = new ArrayList<>();
  /** The health the latest update that had one reported; null before any check ran. */
  Boolean healthy;
  /** The check status the latest update that had one reported; null for tasks without a check. */
  CheckStatusInfo checkStatus;
  /** Set while the agent is unreachable; the master then reports the task as such. */
  boolean unreachable;
  boolean killRequested;
  /** Unacknowledged updates; the head has been sent (or will be on reconnection). */
  final Deque<TaskStatus> pendingUpdates = new ArrayDeque<>();
  ScheduledFuture<?> retryTimer;
  long retryDelayNanos;

  TaskRecord(TaskInfo info, TaskKey key, AgentRecord agent, Resources resources, String role,
      ExecutorID executorId, String group, long launchedAt, Path runDir) {
    this.info = info;
    this.key = key;
    this.agent = agent;
    this.resources = resources;
    this.role = role;
    this.executorId = executorId;
    this.inGroup = group != null;
    this.group = group;
    this.launchedAt = launchedAt;
    this.runDir = runDir;
  }

  /**
   * The start of an update the master makes about this task: task and agent ids, and the executor id
   * only for a task of a group (the master's Task has no executor_id for command tasks).
   */
  TaskStatus.Builder masterStatus() {
    TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(info.getTaskId()).setAgentId(agent.id);
    if (inGroup) {
      status.setExecutorId(executorId);
    }
    return status;
  }

  /** The run directory's last name: the container id. */
  String containerId() {
    return runDir.getFileName().toString();
  }

  boolean isTerminal() {
    return TaskStates.isTerminal(state);
  }

  /** The state reconciliation reports: the update in flight if any, else the latest one. */
  TaskState statusUpdateState() {
    return pendingUpdates.isEmpty() ? state : pendingUpdates.peekFirst().getState();
  }
}

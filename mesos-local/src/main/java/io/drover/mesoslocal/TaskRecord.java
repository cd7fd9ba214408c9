package io.drover.mesoslocal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.ContainerStatus;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.NetworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A launched task: the master's view (latest state, reachability) plus the agent's reliable status
 * update stream for it (updates wait in order until the framework acknowledges each one).
 * Owned by the master loop.
 */
final class TaskRecord {

  /** The agents' address (they all listen on loopback), as the network of every container. */
  private static final NetworkInfo AGENT_NETWORK = NetworkInfo.newBuilder()
      .addIpAddresses(NetworkInfo.IPAddress.newBuilder().setIpAddress("127.0.0.1")).build();

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
  /** The state updates the agent sent, oldest first, one per state in a row, as the master's Task keeps them. */
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
  private ContainerStatus containerStatus;
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

  /**
   * The container status the agent adds to its executor's updates: the task's container (for a task
   * of a group, its own container nested in the executor's, with an id made from both) and the
   * agent's address as the container's, as a real agent fills it in when the container has no network.
   */
  ContainerStatus containerStatus() {
    if (containerStatus == null) {
      ContainerID executorContainer = ContainerID.newBuilder().setValue(containerId()).build();
      ContainerID container = inGroup
          ? ContainerID.newBuilder().setValue(UUID.nameUUIDFromBytes((containerId() + "/" + key.taskId())
              .getBytes(StandardCharsets.UTF_8)).toString()).setParent(executorContainer).build()
          : executorContainer;
      containerStatus = ContainerStatus.newBuilder().setContainerId(container).addNetworkInfos(AGENT_NETWORK).build();
    }
    return containerStatus;
  }

  boolean isTerminal() {
    return TaskStates.isTerminal(state);
  }

  /** The state reconciliation reports: the update in flight if any, else the latest one. */
  TaskState statusUpdateState() {
    return pendingUpdates.isEmpty() ? state : pendingUpdates.peekFirst().getState();
  }
}

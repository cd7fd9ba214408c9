package io.drover.mesoslocal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * One agent: its identity, its total resources (which RESERVE, UNRESERVE, CREATE and DESTROY
 * rewrite, as an agent checkpoints them), and the tasks it runs. Owned by the master loop.
 */
final class AgentRecord {

  private static final int COMPLETED_TASKS_KEPT = 1000;

  final AgentID id;
  final AgentInfo info;
  /** The agent's work dir, with its checkpoint, sandboxes ({@code slaves/<id>/...}) and volumes. */
  final AgentCheckpoint checkpoint;
  Resources total;
  /** False while stopped by a fault: the master then considers it unreachable. */
  boolean connected = true;
  long unreachableSince;
  final Map<TaskKey, TaskRecord> tasks = new LinkedHashMap<>();
  private Resources used;
  /** The latest {@link Allocator#free} of this agent, kept with what it came from; null before the first. */
  Allocator.Free free;
  final Set<String> offerIds = new HashSet<>();
  /** Default executors of task groups by {@link GroupExecutor#key}; one is alive while a task of it is. */
  final Map<String, GroupExecutor> executors = new HashMap<>();
  /** Tasks of frameworks removed while this agent was away; killed when it comes back. */
  final Set<TaskKey> tasksToKill = new HashSet<>();

  /** Tasks whose executor ended, newest last, as the agent keeps completed executors for its {@code /state}. */
  final Deque<TaskRecord> completedTasks = new ArrayDeque<>();
  /** The frameworks of the tasks it ran, by id, kept after a framework is removed (its completed frameworks). */
  final Map<String, FrameworkInfo> frameworks = new LinkedHashMap<>();

  /** When the master admitted it (ms since the epoch); set by the master. */
  long registeredAt;
  /** When it last reregistered (back from unreachable, or with a new master), 0 if never; set by the master. */
  long reregisteredAt;

  AgentRecord(AgentInfo info, Resources total, AgentCheckpoint checkpoint) {
    this.id = info.getId();
    this.info = info;
    this.total = total;
    this.checkpoint = checkpoint;
  }

  String idValue() {
    return id.getValue();
  }

  String hostname() {
    return info.getHostname();
  }

  /**
   * Resources held by tasks that are not terminal and by the executors of those in groups; cached
   * until {@link #tasksChanged}.
   */
  Resources used() {
    if (used == null) {
      List<Resources> parts = new ArrayList<>();
      Set<String> liveExecutors = new HashSet<>();
      for (TaskRecord t : tasks.values()) {
        if (!t.isTerminal()) {
          parts.add(t.resources);
          if (t.inGroup) {
            liveExecutors.add(GroupExecutor.key(t.key.frameworkId(), t.executorId.getValue()));
          }
        }
      }
      for (String key : liveExecutors) {
        GroupExecutor executor = executors.get(key);
        if (executor != null) {
          parts.add(executor.resources());
        }
      }
      used = Resources.sum(parts);
    }
    return used;
  }

  /** The default executor {@code executorId} of the framework while one of its tasks is not terminal. */
  Optional<GroupExecutor> liveExecutor(String frameworkId, String executorId) {
    GroupExecutor executor = executors.get(GroupExecutor.key(frameworkId, executorId));
    boolean live = executor != null && tasks.values().stream().anyMatch(t -> t.inGroup && !t.isTerminal()
        && t.key.frameworkId().equals(frameworkId) && t.executorId.getValue().equals(executorId));
    return live ? Optional.of(executor) : Optional.empty();
  }

  /** A task's executor is gone: it moves to the completed tasks (the oldest beyond the limit are forgotten). */
  void ended(TaskRecord task) {
    tasks.remove(task.key);
    tasksChanged();
    completedTasks.addLast(task);
    while (completedTasks.size() > COMPLETED_TASKS_KEPT) {
      completedTasks.removeFirst();
    }
  }

  /** Call whenever a task is added or removed or becomes terminal. */
  void tasksChanged() {
    used = null;
  }

  /** Where a task's sandbox goes, as a real agent lays it out. */
  Path executorRunDir(String frameworkId, String executorId, String containerId) {
    return checkpoint.workDir().resolve("slaves").resolve(idValue()).resolve("frameworks").resolve(frameworkId)
        .resolve("executors").resolve(executorId).resolve("runs").resolve(containerId);
  }

  Path volumeDir(String role, String persistenceId) {
    return checkpoint.workDir().resolve("volumes").resolve("roles").resolve(role.replace('/', '#')).resolve(persistenceId);
  }
}

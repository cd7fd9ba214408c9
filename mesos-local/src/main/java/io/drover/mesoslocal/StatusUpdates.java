package io.drover.mesoslocal;

import com.google.protobuf.ByteString;
import java.time.Duration;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Reliable status updates, as the agent's status update manager provides them: each task's updates
 * carry a uuid and are delivered one at a time, in order; the one in flight is re-sent with
 * exponential backoff (10 s doubling up to 10 min by default) until the framework acknowledges it.
 * Updates the master makes itself (reconciliation, unreachable agents, invalid launches) carry no
 * uuid and are sent once. Owned by the master loop.
 */
final class StatusUpdates {

  private final MasterState state;
  private final MasterLoop loop;
  private final Config config;

  StatusUpdates(MasterState state, MasterLoop loop, Config config) {
    this.state = state;
    this.loop = loop;
    this.config = config;
  }

  /** Records an update from the task's executor and delivers it when its turn comes. */
  void enqueue(TaskRecord task, TaskStatus status) {
    if (!task.isTerminal() && TaskStates.isTerminal(status.getState())) {
      task.agent.tasksChanged();
    }
    task.state = status.getState();
    task.latestStatus = status;
    // As the master and the agent keep a task's statuses: one per state in a row, the latest.
    if (!task.statuses.isEmpty() && task.statuses.get(task.statuses.size() - 1).getState() == status.getState()) {
      task.statuses.remove(task.statuses.size() - 1);
    }
    task.statuses.add(status);
    if (status.hasHealthy()) {
      task.healthy = status.getHealthy();
    }
    if (status.hasCheckStatus()) {
      task.checkStatus = status.getCheckStatus();
    }
    task.pendingUpdates.addLast(status);
    if (task.pendingUpdates.size() == 1) {
      task.retryDelayNanos = config.statusUpdateRetryMin().toNanos();
      sendHead(task);
    }
  }

  /** Handles ACKNOWLEDGE: only the uuid of the update in flight counts; others are ignored as Mesos does. */
  void acknowledge(FrameworkRecord framework, String agentId, String taskId, ByteString uuid) {
    TaskRecord task = framework.tasks.get(taskId);
    if (task == null || !task.agent.idValue().equals(agentId) || task.pendingUpdates.isEmpty()
        || !task.pendingUpdates.peekFirst().getUuid().equals(uuid)) {
      return;
    }
    TaskStatus acked = task.pendingUpdates.removeFirst();
    cancelRetry(task);
    if (TaskStates.isTerminal(acked.getState())) {
      task.pendingUpdates.clear();
      framework.complete(task);
      task.agent.ended(task);
      return;
    }
    if (!task.pendingUpdates.isEmpty()) {
      task.retryDelayNanos = config.statusUpdateRetryMin().toNanos();
      sendHead(task);
    }
  }

  /** Re-sends every pending update of the framework now (it has just subscribed). */
  void resume(FrameworkRecord framework) {
    for (TaskRecord task : framework.tasks.values()) {
      resume(task);
    }
  }

  /** Re-sends every pending update of the agent now (it has just reregistered). */
  void resume(AgentRecord agent) {
    agent.tasks.values().forEach(this::resume);
  }

  private void resume(TaskRecord task) {
    if (!task.pendingUpdates.isEmpty()) {
      cancelRetry(task);
      task.retryDelayNanos = config.statusUpdateRetryMin().toNanos();
      sendHead(task);
    }
  }

  /** Sends an update the master generated; it has no uuid and is never retried. */
  void sendFromMaster(FrameworkRecord framework, TaskStatus status) {
    framework.send(update(status));
  }

  void cancelRetry(TaskRecord task) {
    if (task.retryTimer != null) {
      task.retryTimer.cancel(false);
      task.retryTimer = null;
    }
  }

  private void sendHead(TaskRecord task) {
    TaskStatus head = task.pendingUpdates.peekFirst();
    FrameworkRecord framework = state.frameworks.get(task.key.frameworkId());
    if (head == null || framework == null) {
      return;
    }
    if (task.agent.connected && !task.unreachable) {
      framework.send(update(head));
    }
    long delay = task.retryDelayNanos;
    task.retryDelayNanos = Math.min(delay * 2, config.statusUpdateRetryMax().toNanos());
    task.retryTimer = loop.schedule(Duration.ofNanos(delay), () -> {
      task.retryTimer = null;
      if (task.pendingUpdates.peekFirst() == head) {
        sendHead(task);
      }
    });
  }

  private static Event update(TaskStatus status) {
    return Event.newBuilder()
        .setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(status))
        .build();
  }
}

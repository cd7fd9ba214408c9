package io.drover.mesoslocal;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * RECONCILE with the master's rules (master.cpp {@code Master::reconcile}). Implicit: the latest
 * state of every task the master tracks. Explicit, per task: a known task answers its latest state;
 * an unknown task on a registered agent TASK_GONE, on an unreachable agent TASK_UNREACHABLE, on an
 * unknown agent (or with none given) TASK_UNKNOWN; frameworks that are not PARTITION_AWARE get
 * TASK_LOST instead of the last three. Replies carry REASON_RECONCILIATION and no uuid; a known
 * task's carries its latest health and check status, as {@code getTaskHealth} and
 * {@code getTaskCheckStatus} give them.
 */
final class Reconciliation {

  private final MasterState state;
  private final StatusUpdates updates;

  Reconciliation(MasterState state, StatusUpdates updates) {
    this.state = state;
    this.updates = updates;
  }

  void reconcile(FrameworkRecord framework, Call.Reconcile reconcile) {
    if (reconcile.getTasksCount() == 0) {
      for (TaskRecord task : framework.tasks.values()) {
        if (!task.unreachable) {
          updates.sendFromMaster(framework, known(task));
        }
      }
      return;
    }
    for (Call.Reconcile.Task t : reconcile.getTasksList()) {
      reconcileOne(framework, t.getTaskId(), t.hasAgentId() ? t.getAgentId() : null);
    }
  }

  /** One task, explicitly (also how KILL answers for a task the master does not know). */
  void reconcileOne(FrameworkRecord framework, TaskID taskId, AgentID agentId) {
    TaskRecord task = framework.tasks.get(taskId.getValue());
    if (task != null && !task.unreachable) {
      updates.sendFromMaster(framework, known(task));
      return;
    }
    AgentRecord agent = agentId == null ? null : state.agents.get(agentId.getValue());
    boolean aware = framework.partitionAware();
    TaskStatus.Builder status = TaskStatus.newBuilder()
        .setTaskId(taskId)
        .setSource(TaskStatus.Source.SOURCE_MASTER)
        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
        .setTimestamp(state.now());
    if (agentId != null) {
      status.setAgentId(agentId);
    }
    if (agent != null && agent.connected) {
      status.setState(aware ? TaskState.TASK_GONE : TaskState.TASK_LOST)
          .setMessage("Reconciliation: Task is unknown to the agent");
    } else if (agent != null) {
      status.setState(aware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST)
          .setMessage("Reconciliation: Task is unreachable")
          .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(agent.unreachableSince * 1_000_000L));
    } else {
      status.setState(aware ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST)
          .setMessage("Reconciliation: Task is unknown");
    }
    updates.sendFromMaster(framework, status.build());
  }

  private TaskStatus known(TaskRecord task) {
    TaskStatus.Builder status = task.masterStatus()
        .setState(task.statusUpdateState())
        .setSource(TaskStatus.Source.SOURCE_MASTER)
        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
        .setMessage("Reconciliation: Latest task state")
        .setTimestamp(state.now());
    if (task.healthy != null) {
      status.setHealthy(task.healthy);
    }
    if (task.checkStatus != null) {
      status.setCheckStatus(task.checkStatus);
    }
    return status.build();
  }
}

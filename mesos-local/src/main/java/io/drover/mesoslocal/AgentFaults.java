package io.drover.mesoslocal;

import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Agents leaving and coming back. A stopped agent is marked unreachable at once (Mesos waits for
 * missed pings first): its offers are rescinded, its tasks reported TASK_UNREACHABLE (TASK_LOST for
 * frameworks that are not PARTITION_AWARE) and frameworks get FAILURE. Its processes keep running.
 * When it reregisters its tasks are reported again with their current state and
 * REASON_AGENT_REREGISTERED, and its pending status updates are re-sent. Owned by the master loop.
 */
final class AgentFaults {

  private final MasterState state;
  private final Allocator allocator;
  private final Agents agents;
  private final StatusUpdates updates;

  AgentFaults(MasterState state, Allocator allocator, Agents agents, StatusUpdates updates) {
    this.state = state;
    this.allocator = allocator;
    this.agents = agents;
    this.updates = updates;
  }

  void stop(AgentRecord agent) {
    if (!agent.connected) {
      return;
    }
    agent.connected = false;
    agent.unreachableSince = state.clock.millis();
    allocator.rescindAgentOffers(agent);
    TimeInfo since = TimeInfo.newBuilder().setNanoseconds(agent.unreachableSince * 1_000_000L).build();
    for (TaskRecord task : agent.tasks.values()) {
      task.unreachable = true;
      FrameworkRecord framework = state.frameworks.get(task.key.frameworkId());
      if (framework == null) {
        continue;
      }
      updates.sendFromMaster(framework, task.masterStatus()
          .setState(framework.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST)
          .setSource(TaskStatus.Source.SOURCE_MASTER)
          .setReason(TaskStatus.Reason.REASON_AGENT_REMOVED)
          .setMessage("health check timed out")
          .setUnreachableTime(since)
          .setTimestamp(state.now())
          .build());
    }
    agentLost(agent);
  }

  /**
   * A new agent registered at the address of {@code old} ({@code Master::registerSlave}): a connected
   * {@code old} is removed ({@code Master::_removeSlave}) with its tasks, TASK_LOST with
   * REASON_AGENT_REMOVED for every framework, and their processes are killed; an unreachable one
   * stays so, with its tasks.
   */
  void replace(AgentRecord old, AgentRecord replacement) {
    if (old.connected) {
      allocator.rescindAgentOffers(old);
      for (TaskRecord task : List.copyOf(old.tasks.values())) {
        agents.forget(task);
        FrameworkRecord framework = state.frameworks.get(task.key.frameworkId());
        if (framework == null || task.isTerminal()) {
          continue;
        }
        task.state = TaskState.TASK_LOST;
        framework.complete(task);
        updates.sendFromMaster(framework, task.masterStatus()
            .setState(TaskState.TASK_LOST)
            .setSource(TaskStatus.Source.SOURCE_MASTER)
            .setReason(TaskStatus.Reason.REASON_AGENT_REMOVED)
            .setMessage("Agent " + old.hostname() + " removed: a new agent registered at the same address")
            .setTimestamp(state.now())
            .build());
      }
      state.agents.remove(old.idValue());
      agentLost(old);
    }
    replacement.registeredAt = state.clock.millis();
    state.agents.put(replacement.idValue(), replacement);
    allocator.requestPass();
  }

  private void agentLost(AgentRecord agent) {
    Event failure = Event.newBuilder()
        .setType(Event.Type.FAILURE)
        .setFailure(Event.Failure.newBuilder().setAgentId(agent.id))
        .build();
    state.frameworks.values().forEach(f -> f.send(failure));
  }

  void start(AgentRecord agent) {
    if (agent.connected) {
      return;
    }
    agent.connected = true;
    // The master admits a returning agent anew (Master::__reregisterSlave).
    agent.registeredAt = state.clock.millis();
    agent.reregisteredAt = agent.registeredAt;
    for (TaskRecord task : agent.tasks.values()) {
      if (!task.unreachable) {
        continue;
      }
      task.unreachable = false;
      FrameworkRecord framework = state.frameworks.get(task.key.frameworkId());
      if (framework == null) {
        continue;
      }
      TaskStatus.Builder status = task.masterStatus()
          .setState(task.state)
          .setSource(TaskStatus.Source.SOURCE_MASTER)
          .setReason(TaskStatus.Reason.REASON_AGENT_REREGISTERED)
          .setMessage("Unreachable agent re-reregistered")
          .setTimestamp(state.now());
      if (task.healthy != null) {
        status.setHealthy(task.healthy);
      }
      if (task.checkStatus != null) {
        status.setCheckStatus(task.checkStatus);
      }
      updates.sendFromMaster(framework, status.build());
    }
    agents.applyPendingKills(agent);
    updates.resume(agent);
    allocator.requestPass();
  }
}

package io.drover.mesoslocal;

import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The master: wires its components over one {@link MasterState}. Every method must run on the
 * {@link MasterLoop} thread; {@link MesosLocalCluster} and the HTTP handlers get there by enqueuing.
 */
final class Master {

  private final MasterState state;
  private final Allocator allocator;
  private final Agents agents;
  private final Subscriptions subscriptions;
  private final CallDispatcher dispatcher;
  private final AgentFaults agentFaults;

  Master(MasterState state, MasterLoop loop, Config config, TaskRunner runner) {
    this.state = state;
    this.allocator = new Allocator(state, loop, config);
    StatusUpdates updates = new StatusUpdates(state, loop, config);
    this.agents = new Agents(state, runner, updates);
    this.subscriptions = new Subscriptions(state, loop, config, allocator, agents, updates);
    Reconciliation reconciliation = new Reconciliation(state, updates);
    AcceptHandler accepts = new AcceptHandler(state, allocator, agents, updates);
    this.dispatcher = new CallDispatcher(state, subscriptions, allocator, accepts, agents, updates, reconciliation);
    this.agentFaults = new AgentFaults(state, allocator, agents, updates);
  }

  MasterState state() {
    return state;
  }

  void subscribe(EventStream stream, Call.Subscribe subscribe) {
    subscriptions.subscribe(stream, subscribe);
  }

  /** A SUBSCRIBE connection failed; its framework, if it still uses it, is now disconnected. */
  void streamBroken(EventStream stream) {
    subscriptions.disconnected(stream);
  }

  CallResult handle(Call call, String streamId) {
    return dispatcher.dispatch(call, streamId);
  }

  void executorUpdate(ExecutorUpdate update) {
    agents.executorUpdate(update);
  }

  /** A new leader takes over with a new id; see {@link Faults#masterRestart()}. */
  void failover(MasterInfo newInfo) {
    subscriptions.masterFailover();
    allocator.reset();
    state.masterInfo = newInfo;
    state.electedAt = state.clock.millis();
    // Its agents reregister with it at once.
    for (AgentRecord agent : state.agents.values()) {
      if (agent.connected) {
        agent.registeredAt = state.electedAt;
        agent.reregisteredAt = state.electedAt;
      }
    }
    allocator.requestPass();
  }

  boolean stopAgent(String agentId) {
    Optional<AgentRecord> agent = Optional.ofNullable(state.agents.get(agentId));
    agent.ifPresent(agentFaults::stop);
    return agent.isPresent();
  }

  boolean startAgent(String agentId) {
    Optional<AgentRecord> agent = Optional.ofNullable(state.agents.get(agentId));
    agent.ifPresent(agentFaults::start);
    return agent.isPresent();
  }

  /** See {@link MesosLocal#replaceAgent}. */
  void replaceAgent(AgentRecord old, AgentRecord replacement) {
    agentFaults.replace(old, replacement);
  }

  void pauseHeartbeats(Duration duration) {
    subscriptions.pauseHeartbeats(duration);
  }

  boolean crashTask(String taskId) {
    return state.anyTask(taskId).filter(t -> !t.isTerminal()).map(agents::crash).orElse(false);
  }

  Allocator allocator() {
    return allocator;
  }

  void addAgent(AgentRecord agent) {
    agent.registeredAt = state.clock.millis();
    state.agents.put(agent.idValue(), agent);
    allocator.requestPass();
  }
}

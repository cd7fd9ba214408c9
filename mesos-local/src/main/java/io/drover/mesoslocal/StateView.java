package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Value;

/**
 * Renders the master's state: as {@link ClusterState} for tests and as the JSON of Mesos's own
 * {@code /state} (same field names: {@code frameworks[].tasks[].state}, {@code slaves[].resources}
 * and so on) for tools written against Mesos. Runs on the master loop.
 */
final class StateView {

  private StateView() {}

  static ClusterState snapshot(MasterState state) {
    List<ClusterState.Framework> frameworks = new ArrayList<>();
    List<ClusterState.Task> tasks = new ArrayList<>();
    for (FrameworkRecord f : state.frameworks.values()) {
      frameworks.add(new ClusterState.Framework(f.idValue(), f.info.getName(), f.roles(), f.connected(), f.active));
      for (TaskRecord t : f.tasks.values()) {
        tasks.add(new ClusterState.Task(t.key.taskId(), f.idValue(), t.agent.idValue(), t.state.name(), t.healthy,
            t.unreachable));
      }
    }
    List<ClusterState.Agent> agents = new ArrayList<>();
    for (AgentRecord a : state.agents.values()) {
      agents.add(new ClusterState.Agent(a.idValue(), a.hostname(), a.connected, a.total.toString()));
    }
    return new ClusterState(state.masterId(), frameworks, tasks, agents);
  }

  static Map<String, Object> json(MasterState state, Allocator allocator) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", state.masterInfo.getVersion());
    // Each failover is a new master process here, so it started when it was elected.
    out.put("start_time", state.electedAt / 1000.0);
    out.put("elected_time", state.electedAt / 1000.0);
    out.put("id", state.masterId());
    out.put("pid", state.masterInfo.getPid());
    out.put("hostname", state.masterInfo.getHostname());
    List<String> capabilities = new ArrayList<>();
    state.masterInfo.getCapabilitiesList().forEach(c -> capabilities.add(c.getType().name()));
    out.put("capabilities", capabilities);
    out.put("leader", state.masterInfo.getPid());
    out.put("leader_info", Map.of("id", state.masterId(), "pid", state.masterInfo.getPid(),
        "hostname", state.masterInfo.getHostname(), "port", state.masterInfo.getPort()));
    long active = state.agents.values().stream().filter(a -> a.connected).count();
    // Mesos counts agents in doubles (1.0).
    out.put("activated_slaves", (double) active);
    out.put("deactivated_slaves", 0.0);
    out.put("unreachable_slaves", (double) (state.agents.size() - active));
    List<Object> slaves = new ArrayList<>();
    for (AgentRecord a : state.agents.values()) {
      if (a.connected) {
        slaves.add(agent(state, a, allocator));
      }
    }
    out.put("flags", Map.of("hostname", state.masterInfo.getHostname(),
        "port", Integer.toString(state.masterInfo.getPort())));
    out.put("slaves", slaves);
    // Agents reregister at once after a failover: none is ever only recovered from the registry.
    out.put("recovered_slaves", List.of());
    List<Object> frameworks = new ArrayList<>();
    for (FrameworkRecord f : state.frameworks.values()) {
      frameworks.add(framework(f, state));
    }
    out.put("frameworks", frameworks);
    List<Object> completedFrameworks = new ArrayList<>();
    state.removedFrameworks.values().forEach(c -> completedFrameworks.add(completedFramework(c, state)));
    out.put("completed_frameworks", completedFrameworks);
    out.put("orphan_tasks", List.of());
    out.put("unregistered_frameworks", List.of());
    return out;
  }

  /** What a 1.11 agent reports it can do. */
  private static final List<String> AGENT_CAPABILITIES = List.of("MULTI_ROLE", "HIERARCHICAL_ROLE",
      "RESERVATION_REFINEMENT", "RESOURCE_PROVIDER", "RESIZE_VOLUME", "AGENT_OPERATION_FEEDBACK", "AGENT_DRAINING",
      "TASK_RESOURCE_LIMITS");

  private static Map<String, Object> agent(MasterState state, AgentRecord a, Allocator allocator) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", a.idValue());
    out.put("hostname", a.hostname());
    out.put("port", a.info.getPort());
    out.put("pid", "slave(1)@127.0.0.1:" + a.info.getPort());
    out.put("registered_time", a.registeredAt / 1000.0);
    if (a.reregisteredAt != 0) {
      out.put("reregistered_time", a.reregisteredAt / 1000.0);
    }
    out.put("active", a.connected);
    out.put("deactivated", false);
    out.put("version", state.masterInfo.getVersion());
    out.put("capabilities", AGENT_CAPABILITIES);
    out.put("resources", resources(a.total.toList()));
    out.put("used_resources", resources(a.used().toList()));
    Resources free = allocator.free(a);
    out.put("offered_resources", resources(a.total.minusAvailable(a.used()).minusAvailable(free).toList()));
    out.put("unreserved_resources", resources(a.total.filter(ResourceFormat::isUnreserved).toList()));
    Map<String, Object> reserved = new LinkedHashMap<>();
    for (Resource r : a.total.toList()) {
      ResourceFormat.reservationRole(r).ifPresent(role -> reserved.put(role,
          resources(a.total.filter(x -> ResourceFormat.reservationRole(x).orElse("").equals(role)).toList())));
    }
    out.put("reserved_resources", reserved);
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (Attribute attr : a.info.getAttributesList()) {
      attributes.put(attr.getName(), attr.getType() == Value.Type.TEXT ? attr.getText().getValue()
          : attr.getScalar().getValue());
    }
    out.put("attributes", attributes);
    return out;
  }

  /** {@code /slaves}: the registered agents as in {@code /state}, plus their reservations in full. */
  static Map<String, Object> slaves(MasterState state, Allocator allocator) {
    List<Object> slaves = new ArrayList<>();
    for (AgentRecord a : state.agents.values()) {
      if (a.connected) {
        Map<String, Object> agent = agent(state, a, allocator);
        agent.put("reserved_resources_full", fullByRole(a.total.toList()));
        slaves.add(agent);
      }
    }
    return Map.of("slaves", slaves, "recovered_slaves", List.of());
  }

  /**
   * A framework as the real master's {@code /state} prints it ({@code FullFrameworkWriter} in
   * master/readonly_handler.cpp): {@code roles} for MULTI_ROLE frameworks, else {@code role};
   * {@code unregistered_time} 0 while it is registered; {@code resources} is used plus offered.
   */
  static Map<String, Object> framework(FrameworkRecord f, MasterState state) {
    List<Object> tasks = new ArrayList<>();
    List<Object> unreachable = new ArrayList<>();
    // As the agent's: its tasks that are not terminal and, once each, the default executors they run in.
    Resources used = Resources.empty();
    List<Object> executors = new ArrayList<>();
    Set<GroupExecutor> seen = new HashSet<>();
    for (TaskRecord t : f.tasks.values()) {
      if (t.unreachable) {
        unreachable.add(unreachableTask(t, f));
      } else {
        tasks.add(TaskView.task(t));
      }
      if (!t.isTerminal() && !t.unreachable) {
        used = used.plus(t.resources);
        GroupExecutor executor = t.inGroup
            ? t.agent.executors.get(GroupExecutor.key(t.key.frameworkId(), t.executorId.getValue())) : null;
        if (executor != null && seen.add(executor)) {
          used = used.plus(executor.resources());
          executors.add(executor(executor, t));
        }
      }
    }
    List<Object> offers = new ArrayList<>();
    Resources offered = Resources.empty();
    for (String id : f.offerIds) {
      OfferRecord o = state.offers.get(id);
      offered = offered.plus(o.resources());
      Map<String, Object> offer = new LinkedHashMap<>();
      offer.put("id", id);
      offer.put("framework_id", f.idValue());
      offer.put("allocation_info", Map.of("role", o.role()));
      offer.put("slave_id", o.agent().idValue());
      offer.put("resources", resources(o.resources().toList()));
      offers.add(offer);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", f.idValue());
    out.put("name", f.info.getName());
    out.put("used_resources", resources(used.toList()));
    out.put("offered_resources", resources(offered.toList()));
    List<String> capabilities = new ArrayList<>();
    for (FrameworkInfo.Capability c : f.info.getCapabilitiesList()) {
      capabilities.add(c.getType().name());
    }
    out.put("capabilities", capabilities);
    out.put("hostname", f.info.getHostname());
    out.put("webui_url", f.info.getWebuiUrl());
    out.put("active", f.active);
    out.put("connected", f.connected());
    out.put("recovered", f.recovered);
    out.put("user", f.info.getUser());
    out.put("failover_timeout", f.info.getFailoverTimeout());
    out.put("checkpoint", f.info.getCheckpoint());
    out.put("registered_time", f.registeredAt / 1000.0);
    out.put("unregistered_time", 0.0);
    if (f.info.hasPrincipal()) {
      out.put("principal", f.info.getPrincipal());
    }
    out.put("resources", resources(used.plus(offered).toList()));
    if (f.reregisteredAt != f.registeredAt) {
      out.put("reregistered_time", f.reregisteredAt / 1000.0);
    }
    if (f.hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)) {
      out.put("roles", f.roles());
    } else {
      out.put("role", f.roles().get(0));
    }
    out.put("tasks", tasks);
    out.put("unreachable_tasks", unreachable);
    List<Object> completed = new ArrayList<>();
    f.completedTasks.forEach(t -> completed.add(TaskView.task(t)));
    out.put("completed_tasks", completed);
    out.put("offers", offers);
    out.put("executors", executors);
    if (f.info.hasLabels()) {
      out.put("labels", TaskView.labels(f.info.getLabels()));
    }
    out.put("offer_constraints", Map.of());
    return out;
  }

  /**
   * A task on an unreachable agent as the master lists it under {@code unreachable_tasks}: in the
   * state the master told its framework (TASK_UNREACHABLE, TASK_LOST without PARTITION_AWARE), with
   * that status of the master's last. When the agent comes back the master takes the agent's task again.
   */
  private static Map<String, Object> unreachableTask(TaskRecord t, FrameworkRecord f) {
    Map<String, Object> task = TaskView.task(t);
    String state = (f.partitionAware() ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST).name();
    task.put("state", state);
    @SuppressWarnings("unchecked")
    List<Object> statuses = (List<Object>) task.get("statuses");
    statuses.add(Map.of("state", state, "timestamp", t.agent.unreachableSince / 1000.0));
    return task;
  }

  /**
   * A removed framework as the real master lists it under {@code completed_frameworks}: inactive,
   * disconnected, nothing in use or on offer, the tasks it had completed (those not yet terminal as
   * TASK_KILLED, with a status of the master's at its removal).
   */
  static Map<String, Object> completedFramework(CompletedFramework c, MasterState state) {
    Map<String, Object> out = framework(c.framework(), state);
    out.put("unregistered_time", c.removedAt());
    @SuppressWarnings("unchecked")
    List<Object> completed = (List<Object>) out.get("completed_tasks");
    for (TaskRecord t : c.ended()) {
      Map<String, Object> task = TaskView.task(t);
      if (!t.isTerminal()) {
        task.put("state", TaskState.TASK_KILLED.name());
        @SuppressWarnings("unchecked")
        List<Object> statuses = (List<Object>) task.get("statuses");
        statuses.add(Map.of("state", TaskState.TASK_KILLED.name(), "timestamp", c.removedAt()));
      }
      completed.add(task);
    }
    return out;
  }

  /**
   * A default executor as the master lists it under its framework ({@code json(ExecutorInfo)} in
   * Mesos's common/http.cpp, plus {@code slave_id}). The master knows only the executors named in
   * launches (task groups here); a command executor is made up by its agent and shows only there.
   * Like the real master, it lists them while they run on a reachable agent.
   */
  private static Map<String, Object> executor(GroupExecutor executor, TaskRecord task) {
    ExecutorInfo info = executor.info();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executor_id", info.getExecutorId().getValue());
    out.put("name", info.getName());
    out.put("framework_id", executor.frameworkId());
    out.put("command", command(info.getCommand()));
    out.put("resources", resources(info.getResourcesList()));
    if (info.getResourcesCount() > 0) {
      // An executor's resources are all allocated to its tasks' role.
      out.put("role", task.role);
    }
    if (info.hasLabels()) {
      out.put("labels", TaskView.labels(info.getLabels()));
    }
    if (info.hasType()) {
      out.put("type", info.getType().name());
    }
    out.put("slave_id", task.agent.idValue());
    return out;
  }

  /** A CommandInfo as Mesos's {@code json(CommandInfo)} prints it: {@code argv} and {@code uris} always. */
  private static Map<String, Object> command(CommandInfo command) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (command.hasShell()) {
      out.put("shell", command.getShell());
    }
    if (command.hasValue()) {
      out.put("value", command.getValue());
    }
    out.put("argv", command.getArgumentsList());
    if (command.hasEnvironment()) {
      out.put("environment", RawJson.of(command.getEnvironment()));
    }
    List<Object> uris = new ArrayList<>();
    for (CommandInfo.URI u : command.getUrisList()) {
      Map<String, Object> uri = new LinkedHashMap<>();
      uri.put("value", u.getValue());
      uri.put("executable", u.getExecutable());
      uris.add(uri);
    }
    out.put("uris", uris);
    return out;
  }


  /** Mesos's summary form: scalars by name, ranges as text. */
  static Map<String, Object> resources(List<Resource> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpus", 0.0);
    out.put("mem", 0.0);
    out.put("disk", 0.0);
    out.put("gpus", 0.0);
    Resources all = Resources.of(list);
    for (Resource r : list) {
      if (r.getType() == Value.Type.SCALAR) {
        out.put(r.getName(), all.scalar(r.getName()));
      } else if (r.getType() == Value.Type.RANGES) {
        out.put(r.getName(), Ranges.format(all.ranges(r.getName())));
      }
    }
    return out;
  }

  private static Map<String, Object> fullByRole(List<Resource> list) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Resource r : list) {
      ResourceFormat.reservationRole(r).ifPresent(role -> {
        @SuppressWarnings("unchecked")
        List<Object> rs = (List<Object>) out.computeIfAbsent(role, k -> new ArrayList<>());
        rs.add(RawJson.of(ResourceFormat.endpoint(r)));
      });
    }
    return out;
  }
}

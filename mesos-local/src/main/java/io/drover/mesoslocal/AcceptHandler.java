package io.drover.mesoslocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACCEPT: validates the offers as the master does (invalid ones fail every launch with TASK_DROPPED
 * or TASK_LOST and REASON_INVALID_OFFERS), then applies the operations in order against the offered
 * resources, so a LAUNCH may use what a RESERVE or CREATE before it made. Invalid tasks get
 * TASK_ERROR; invalid reservation operations are dropped. Unused resources return to the allocator
 * with the call's filters. Owned by the master loop.
 */
final class AcceptHandler {

  private static final Logger log = LoggerFactory.getLogger(AcceptHandler.class);

  private final MasterState state;
  private final Allocator allocator;
  private final Agents agents;
  private final StatusUpdates updates;

  AcceptHandler(MasterState state, Allocator allocator, Agents agents, StatusUpdates updates) {
    this.state = state;
    this.allocator = allocator;
    this.agents = agents;
    this.updates = updates;
  }

  void accept(FrameworkRecord framework, Call.Accept accept) {
    String error = validateOffers(framework, accept.getOfferIdsList());
    if (error != null) {
      accept.getOfferIdsList().forEach(id -> allocator.remove(id.getValue()));
      log.warn("ACCEPT call used invalid offers {}: {}", accept.getOfferIdsList(), error);
      failLaunches(framework, accept.getOperationsList(), error);
      return;
    }
    List<OfferRecord> offers = new ArrayList<>();
    for (OfferID id : accept.getOfferIdsList()) {
      allocator.remove(id.getValue()).ifPresent(offers::add);
    }
    OfferRecord first = offers.get(0);
    AgentRecord agent = first.agent();
    Resources available = Resources.empty();
    for (OfferRecord o : offers) {
      available = available.plus(o.resources());
    }
    ReservationOps.Applied cur = new ReservationOps.Applied(available, agent.total);
    for (Offer.Operation op : accept.getOperationsList()) {
      cur = apply(framework, agent, first.role(), op, cur);
    }
    if (cur.total() != agent.total) {
      agent.total = cur.total();
      checkpoint(agent);
    }
    allocator.recover(first, cur.available(), accept.getFilters());
  }

  private ReservationOps.Applied apply(FrameworkRecord framework, AgentRecord agent, String role, Offer.Operation op,
      ReservationOps.Applied cur) {
    switch (op.getType()) {
      case LAUNCH:
        return new ReservationOps.Applied(launch(framework, agent, role, op.getLaunch().getTaskInfosList(),
            cur.available()), cur.total());
      case LAUNCH_GROUP:
        return new ReservationOps.Applied(launchGroup(framework, agent, role, op.getLaunchGroup(), cur.available()),
            cur.total());
      case RESERVE:
        return outcome(op, ReservationOps.reserve(op.getReserve().getResourcesList(), cur, role, framework), cur);
      case UNRESERVE:
        return outcome(op, ReservationOps.unreserve(op.getUnreserve().getResourcesList(), cur, role), cur);
      case CREATE: {
        ReservationOps.Applied next =
            outcome(op, ReservationOps.create(op.getCreate().getVolumesList(), cur, role, framework), cur);
        if (next != cur) {
          op.getCreate().getVolumesList().forEach(v -> createVolumeDir(agent, v));
        }
        return next;
      }
      case DESTROY: {
        ReservationOps.Applied next = outcome(op, ReservationOps.destroy(op.getDestroy().getVolumesList(), cur, role), cur);
        if (next != cur) {
          op.getDestroy().getVolumesList().forEach(v -> deleteVolumeDir(agent, v));
        }
        return next;
      }
      default:
        log.warn("Dropping {} operation: mesos-local does not support it", op.getType());
        return cur;
    }
  }

  private static ReservationOps.Applied outcome(Offer.Operation op, ReservationOps.Result result,
      ReservationOps.Applied cur) {
    if (result.error() != null) {
      log.warn("Dropping {} operation: {}", op.getType(), result.error());
      return cur;
    }
    return result.applied();
  }

  /** Launches command tasks one by one; each invalid one gets TASK_ERROR and uses nothing. */
  private Resources launch(FrameworkRecord framework, AgentRecord agent, String role, List<TaskInfo> tasks,
      Resources available) {
    Resources left = available;
    for (TaskInfo task : tasks) {
      Resources needed = Resources.of(task.getResourcesList());
      String error = TaskValidation.validate(task, agent, framework, role, needed, left);
      if (error != null) {
        taskError(framework, task, error);
        continue;
      }
      left = left.minus(needed).orElseThrow();
      agents.launch(framework, agent, task, needed, role);
    }
    return left;
  }

  /**
   * Launches a task group atomically: if any task is invalid, every task gets TASK_ERROR. A group
   * naming a default executor that still runs joins it and needs none of the executor's resources;
   * otherwise the executor starts with them, as on a real agent.
   */
  private Resources launchGroup(FrameworkRecord framework, AgentRecord agent, String role,
      Offer.Operation.LaunchGroup group, Resources available) {
    List<TaskInfo> tasks = group.getTaskGroup().getTasksList();
    ExecutorInfo executorInfo = group.getExecutor();
    Optional<GroupExecutor> live = agent.liveExecutor(framework.idValue(), executorInfo.getExecutorId().getValue());
    Resources executorResources = live.isPresent() ? Resources.empty() : Resources.of(executorInfo.getResourcesList());
    Resources needed = executorResources;
    Set<String> ids = new HashSet<>();
    String error = tasks.isEmpty() ? "Task group is empty" : null;
    for (TaskInfo t : tasks) {
      needed = needed.plus(Resources.of(t.getResourcesList()));
      if (!ids.add(t.getTaskId().getValue())) {
        error = "Task group has duplicate task ID: " + t.getTaskId().getValue();
      }
    }
    if (error == null) {
      error = TaskValidation.executor(executorInfo);
    }
    if (error == null && !available.contains(needed)) {
      error = "Total resources " + ResourceFormat.describe(needed.toList(), role)
          + " required by task group and its executor is more than available "
          + ResourceFormat.describe(available.toList(), role);
    }
    for (TaskInfo t : tasks) {
      if (error == null) {
        error = TaskValidation.validate(t, agent, framework, role, Resources.of(t.getResourcesList()), available);
      }
    }
    if (error != null) {
      for (TaskInfo t : tasks) {
        updates.sendFromMaster(framework, masterStatus(t, TaskState.TASK_ERROR, error,
            TaskStatus.Reason.REASON_TASK_GROUP_INVALID));
      }
      return available;
    }
    GroupExecutor executor = live.orElseGet(() -> new GroupExecutor(framework.idValue(), executorInfo,
        agent.executorRunDir(framework.idValue(), executorInfo.getExecutorId().getValue(), UUID.randomUUID().toString()),
        executorResources));
    agent.executors.put(executor.key(), executor);
    String groupName = tasks.get(0).getTaskId().getValue();
    for (TaskInfo t : tasks) {
      agents.launchInGroup(framework, agent, t, Resources.of(t.getResourcesList()), role, executor, groupName);
    }
    return available.minus(needed).orElseThrow();
  }

  private void taskError(FrameworkRecord framework, TaskInfo task, String message) {
    updates.sendFromMaster(framework, masterStatus(task, TaskState.TASK_ERROR, message,
        TaskStatus.Reason.REASON_TASK_INVALID));
  }

  private void failLaunches(FrameworkRecord framework, List<Offer.Operation> operations, String error) {
    TaskState lost = framework.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
    for (Offer.Operation op : operations) {
      List<TaskInfo> tasks = op.getType() == Offer.Operation.Type.LAUNCH ? op.getLaunch().getTaskInfosList()
          : op.getType() == Offer.Operation.Type.LAUNCH_GROUP ? op.getLaunchGroup().getTaskGroup().getTasksList()
          : List.of();
      for (TaskInfo task : tasks) {
        updates.sendFromMaster(framework, masterStatus(task, lost, "Task launched with invalid offers: " + error,
            TaskStatus.Reason.REASON_INVALID_OFFERS));
      }
    }
  }

  private TaskStatus masterStatus(TaskInfo task, TaskState taskState, String message, TaskStatus.Reason reason) {
    return TaskStatus.newBuilder()
        .setTaskId(task.getTaskId())
        .setAgentId(task.getAgentId())
        .setState(taskState)
        .setSource(TaskStatus.Source.SOURCE_MASTER)
        .setReason(reason)
        .setMessage(message)
        .setTimestamp(state.now())
        .build();
  }

  /** The checks of {@code validation::offer::validate}; null when the offers are valid. */
  private String validateOffers(FrameworkRecord framework, List<OfferID> ids) {
    if (ids.isEmpty()) {
      return "No offers specified";
    }
    Set<String> seen = new HashSet<>();
    OfferRecord first = null;
    for (OfferID id : ids) {
      if (!seen.add(id.getValue())) {
        return "Duplicate offer " + id.getValue() + " in offer list";
      }
      OfferRecord o = state.offers.get(id.getValue());
      if (o == null) {
        return "Offer " + id.getValue() + " is no longer valid";
      }
      if (o.framework() != framework) {
        return "Offer " + id.getValue() + " has invalid framework " + o.framework().idValue()
            + " while framework " + framework.idValue() + " is expected";
      }
      if (first == null) {
        first = o;
      } else if (o.agent() != first.agent()) {
        return "Aggregated offers must belong to one single agent. Offer " + id.getValue() + " uses agent "
            + o.agent().idValue() + " and agent " + first.agent().idValue();
      } else if (!o.role().equals(first.role())) {
        return "Aggregated offers must be allocated to the same role. Offer " + id.getValue() + " uses role "
            + o.role() + " and role " + first.role();
      }
    }
    return null;
  }

  /** An agent checkpoints its resources before it applies an operation, so a restart keeps them. */
  private static void checkpoint(AgentRecord agent) {
    try {
      agent.checkpoint.resources(agent.total.toList());
    } catch (IOException e) {
      log.error("Agent {} cannot checkpoint its resources in {}; a restart will not recover them", agent.idValue(),
          agent.checkpoint.workDir(), e);
    }
  }

  private void createVolumeDir(AgentRecord agent, Resource raw) {
    Resource v = ResourceFormat.normalize(raw);
    Path dir = agent.volumeDir(ResourceFormat.reservationRole(v).orElse("*"), v.getDisk().getPersistence().getId());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      log.error("Cannot create persistent volume directory {}", dir, e);
    }
  }

  private void deleteVolumeDir(AgentRecord agent, Resource raw) {
    Resource v = ResourceFormat.normalize(raw);
    Path dir = agent.volumeDir(ResourceFormat.reservationRole(v).orElse("*"), v.getDisk().getPersistence().getId());
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.error("Cannot delete persistent volume directory {}", dir, e);
    }
  }
}

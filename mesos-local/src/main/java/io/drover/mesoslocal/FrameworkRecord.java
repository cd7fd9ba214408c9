package io.drover.mesoslocal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** The master's view of one framework. Owned by the master loop; not thread-safe. */
final class FrameworkRecord {

  private static final int COMPLETED_TASKS_KEPT = 1000;

  final FrameworkID id;
  FrameworkInfo info;
  /** The open SUBSCRIBE stream; null while disconnected. */
  EventStream stream;
  /** Offers go only to active frameworks. */
  boolean active;
  /** Known from agents after a master failover but not yet subscribed again. */
  boolean recovered;
  ScheduledFuture<?> heartbeat;
  ScheduledFuture<?> failoverTimer;
  final Set<String> offerIds = new HashSet<>();
  final Set<String> suppressedRoles = new HashSet<>();
  /** Tasks the master tracks, terminal ones until their terminal update is acknowledged. */
  final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
  final Deque<TaskRecord> completedTasks = new ArrayDeque<>();
  /** When it subscribed first (ms since the epoch), or again after a master failover. */
  long registeredAt;
  /** When it last subscribed; equal to {@link #registeredAt} until it fails over to a new connection. */
  long reregisteredAt;

  FrameworkRecord(FrameworkID id, FrameworkInfo info, long registeredAt) {
    this.id = id;
    this.info = info;
    this.registeredAt = registeredAt;
    this.reregisteredAt = registeredAt;
  }

  String idValue() {
    return id.getValue();
  }

  boolean connected() {
    return stream != null;
  }

  boolean hasCapability(FrameworkInfo.Capability.Type type) {
    return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == type);
  }

  boolean partitionAware() {
    return hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }

  @SuppressWarnings("deprecation") // FrameworkInfo.role is how frameworks without MULTI_ROLE name their role.
  List<String> roles() {
    if (hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)) {
      return info.getRolesList();
    }
    return List.of(info.getRole());
  }

  /** Sends on the open stream; dropped while disconnected, as Mesos drops them. */
  void send(Event event) {
    if (stream != null) {
      stream.send(event);
    }
  }

  void complete(TaskRecord task) {
    tasks.remove(task.info.getTaskId().getValue());
    completedTasks.addLast(task);
    while (completedTasks.size() > COMPLETED_TASKS_KEPT) {
      completedTasks.removeFirst();
    }
  }
}

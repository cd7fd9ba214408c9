package io.drover.controller.mesos;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A listener for tests that records every callback, acknowledges every update that needs it (as
 * the scheduler runtime does) and tracks non-terminal tasks so it can serve as {@link KnownTasks}.
 */
final class RecordingListener implements SchedulerEventListener, KnownTasks {

  final List<FrameworkID> subscriptions = new CopyOnWriteArrayList<>();
  final AtomicInteger reconciliations = new AtomicInteger();
  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<String> disconnects = new CopyOnWriteArrayList<>();
  final List<String> failovers = new CopyOnWriteArrayList<>();
  final List<String> removals = new CopyOnWriteArrayList<>();
  private final Map<TaskID, AgentID> running = new ConcurrentHashMap<>();
  private volatile Supplier<SchedulerCalls> calls;

  /** Acknowledges updates through the client's calls once it exists. */
  void acknowledgeWith(Supplier<SchedulerCalls> schedulerCalls) {
    this.calls = schedulerCalls;
  }

  @Override
  public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
    subscriptions.add(frameworkId);
  }

  @Override
  public void reconciled() {
    reconciliations.incrementAndGet();
  }

  @Override
  public void event(Event event) {
    events.add(event);
    if (event.getType() == Event.Type.UPDATE) {
      TaskStatus status = event.getUpdate().getStatus();
      if (isTerminal(status.getState())) {
        running.remove(status.getTaskId());
      } else if (status.hasAgentId()) {
        running.put(status.getTaskId(), status.getAgentId());
      }
      Supplier<SchedulerCalls> ack = calls;
      if (ack != null) {
        ack.get().acknowledge(status);
      }
    }
  }

  @Override
  public void disconnected(String reason) {
    disconnects.add(reason);
  }

  @Override
  public void failedOver(String message) {
    failovers.add(message);
  }

  @Override
  public void frameworkRemoved(String message) {
    removals.add(message);
  }

  @Override
  public Map<TaskID, AgentID> toReconcile() {
    return Map.copyOf(running);
  }

  List<Offer> offers() {
    return events.stream().filter(e -> e.getType() == Event.Type.OFFERS)
        .flatMap(e -> e.getOffers().getOffersList().stream()).toList();
  }

  List<TaskStatus> updates(String taskId) {
    return events.stream().filter(e -> e.getType() == Event.Type.UPDATE)
        .map(e -> e.getUpdate().getStatus())
        .filter(s -> s.getTaskId().getValue().equals(taskId)).toList();
  }

  boolean sawState(String taskId, TaskState state) {
    return updates(taskId).stream().anyMatch(s -> s.getState() == state);
  }

  long reconciliationAnswers(String taskId) {
    return updates(taskId).stream()
        .filter(s -> s.getReason() == TaskStatus.Reason.REASON_RECONCILIATION).count();
  }

  private static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR, TASK_UNKNOWN -> true;
      default -> false;
    };
  }
}

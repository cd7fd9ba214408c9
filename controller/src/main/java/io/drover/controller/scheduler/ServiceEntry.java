package io.drover.controller.scheduler;

import io.drover.api.status.ServiceEvent;
import io.drover.reconcile.service.EventHistory;
import io.drover.reconcile.service.ServiceEvents;
import io.drover.reconcile.service.WaitMemory;
import io.drover.reconcile.service.WaitReason;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * One live service as the event loop holds it: its persisted record, its in-memory pacing, and
 * what the last events said. Fields are written only by the methods here; a change to what is
 * published (record, pacing, message) is reported to the owning {@link SchedulerState}. Confined
 * to the event loop thread.
 */
final class ServiceEntry {
  private final Consumer<String> changed;
  /** Told the service's name when a launch starts to await its first status. */
  private final Consumer<String> launching;
  private final Supplier<Instant> clock;
  /** The latest events, for status; in memory (the status keeps them across leaders). */
  private EventHistory events = EventHistory.EMPTY;
  private ServiceRecord record;
  private Pacing pacing = Pacing.none();
  /** The latest notable event for status (a rejected update, a forced teardown), or null. */
  private String message;
  /** When launches without any status yet were sent (or last reconciled), by task id. */
  private final Map<String, Instant> launchedAt = new HashMap<>();
  /** What the offer rounds said about the instances waiting for an offer. */
  private WaitMemory waits = WaitMemory.NONE;
  /** Task ids Mesos has not yet said anything about since the latest SUBSCRIBED; see {@link ReconciliationGate}. */
  private final Set<String> unanswered = new HashSet<>();
  /**
   * When the periodic tick must advance this service next (a backoff ends, a kill is due again, a
   * deadline passes), from its latest advance; null when only an event can move it. Any change to
   * the record or pacing makes it due at once, until the next advance says otherwise.
   */
  private Instant wakeAt = Instant.MIN;

  ServiceEntry(ServiceRecord record, Consumer<String> changed, Consumer<String> launching, Supplier<Instant> clock) {
    this.record = record;
    this.changed = changed;
    this.launching = launching;
    this.clock = clock;
  }

  String name() {
    return record.name();
  }

  ServiceRecord record() {
    return record;
  }

  Pacing pacing() {
    return pacing;
  }

  String message() {
    return message;
  }

  WaitMemory waits() {
    return waits;
  }

  /** {@code next} is stored: it becomes the service's record. Only {@link Persistence} calls this. */
  void adopt(ServiceRecord next) {
    events = events.with(ServiceEvents.between(record, next, clock.get()));
    record = next;
    wakeAt = Instant.MIN;
    changed.accept(name());
  }

  List<ServiceEvent> events() {
    return events.events();
  }

  /** Something notable happened to the service. */
  void event(ServiceEvent e) {
    events = events.with(List.of(e));
    changed.accept(name());
  }

  /** The latest decision's relaunch backoffs and kill times. */
  void pace(Pacing next) {
    if (!next.equals(pacing)) {
      pacing = next;
      wakeAt = Instant.MIN;
      changed.accept(name());
    }
  }

  /** Shows {@code text} in the service's state until the next note; null clears it. */
  void note(String text) {
    if (!Objects.equals(text, message)) {
      message = text;
      changed.accept(name());
    }
  }

  /** The rounds' latest verdicts; published only when a reason people read changes at {@code now}. */
  void waited(WaitMemory next, Instant now) {
    Map<String, WaitReason> before = waits.reasons(now);
    Map<String, WaitReason> after = next.reasons(now);
    boolean visible = (next.firstRound() == null) != (waits.firstRound() == null) || !after.equals(before);
    waits = next;
    events = events.with(ServiceEvents.waiting(before, after, now));
    if (visible) {
      changed.accept(name());
    }
  }

  // --- when the tick looks at the service ---

  /** The latest advance said when the service must be advanced again: {@code at}, or null for never by the clock. */
  void wakeAt(Instant at) {
    wakeAt = at;
  }

  /** Whether only an event can move the service: its latest advance set no wake-up time. */
  boolean sleeps() {
    return wakeAt == null;
  }

  /** Whether the tick must advance the service at {@code now}. */
  boolean due(Instant now) {
    return wakeAt != null && !now.isBefore(wakeAt);
  }

  // --- launches awaiting their first status ---

  /** A launch of this task was sent at {@code at}. */
  void launched(TaskID taskId, Instant at) {
    launchedAt.put(taskId.getValue(), at);
    launching.accept(name());
  }

  /** Whether a launch still awaits its first status. */
  boolean awaitsLaunchStatus() {
    return !launchedAt.isEmpty();
  }

  /** Mesos sent a status of the task: its launch arrived. */
  void statusArrived(TaskID taskId) {
    launchedAt.remove(taskId.getValue());
  }

  /**
   * The launched tasks that have had no status for {@code after}, to reconcile explicitly; each is
   * asked about again only {@code after} later. Forgets launches whose task moved on.
   */
  List<TaskRecord> silentLaunches(Instant now, Duration after) {
    if (launchedAt.isEmpty()) {
      return List.of();
    }
    Map<String, TaskRecord> launched = new HashMap<>();
    for (TaskRecord r : record.tasks().values()) {
      if (r.condition() == TaskCondition.LAUNCHED) {
        launched.put(r.taskId().getValue(), r);
      }
    }
    List<TaskRecord> silent = new ArrayList<>();
    Iterator<Map.Entry<String, Instant>> it = launchedAt.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Instant> l = it.next();
      TaskRecord r = launched.get(l.getKey());
      if (r == null) {
        it.remove();
      } else if (!now.isBefore(l.getValue().plus(after))) {
        silent.add(r);
        l.setValue(now);
      }
    }
    return silent;
  }

  // --- reconciliation after a subscription, see ReconciliationGate ---

  /** A new subscription: every non-terminal task waits for Mesos's word. Returns how many. */
  int awaitAnswers() {
    unanswered.clear();
    for (TaskRecord t : record.tasks().values()) {
      if (!t.condition().terminal()) {
        unanswered.add(t.taskId().getValue());
      }
    }
    return unanswered.size();
  }

  /** Mesos's word on the task arrived; true when it was the last one awaited. */
  boolean answered(TaskID taskId) {
    return unanswered.remove(taskId.getValue()) && unanswered.isEmpty();
  }

  /** Nothing is awaited any more. */
  void allAnswered() {
    unanswered.clear();
  }

  boolean awaitingAnswers() {
    return !unanswered.isEmpty();
  }
}

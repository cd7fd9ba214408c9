package io.drover.controller.mesos;

import io.drover.controller.time.Timers;
import io.drover.reconcile.state.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call.Reconcile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task reconciliation for one subscription at a time, as Mesos's reconciliation guide asks:
 * explicit RECONCILE for every known non-terminal task, re-sent with truncated exponential backoff
 * for the tasks still unanswered (a master that just failed over stays silent about agents that
 * have not re-registered), until every task got an update; then implicit RECONCILE (all tasks)
 * periodically. Thread-safe; the dispatch thread drives it, timers re-send.
 */
final class TaskReconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(TaskReconciliation.class);
  /** Keeps each RECONCILE call a reasonable size. */
  static final int MAX_TASKS_PER_CALL = 1_000;

  private final Timers timers;
  private final Backoff retryBackoff;
  private final Duration implicitInterval;
  private final Consumer<List<Reconcile.Task>> send;
  private final Map<TaskID, AgentID> pending = new LinkedHashMap<>();
  private Timers.Cancellable timer;
  private long round;
  private int attempt;

  TaskReconciliation(Timers timers, Backoff retryBackoff, Duration implicitInterval,
      Consumer<List<Reconcile.Task>> send) {
    this.timers = timers;
    this.retryBackoff = retryBackoff;
    this.implicitInterval = implicitInterval;
    this.send = send;
  }

  /**
   * Starts reconciling {@code tasks} (agent ids may be null) for a new subscription, abandoning
   * any earlier round. Returns true when there is nothing to wait for.
   */
  boolean begin(Map<TaskID, AgentID> tasks) {
    List<List<Reconcile.Task>> calls;
    synchronized (this) {
      stop();
      pending.putAll(tasks);
      if (pending.isEmpty()) {
        scheduleImplicit(round);
        return true;
      }
      LOG.info("Reconciling {} known tasks explicitly", pending.size());
      calls = explicitCalls();
      scheduleRetry(round);
    }
    calls.forEach(send);
    return false;
  }

  /** Records an update for {@code taskId}; returns true when it was the last one awaited. */
  synchronized boolean answered(TaskID taskId) {
    // Agent ids may be null values: test membership, not the removed value.
    if (!pending.containsKey(taskId)) {
      return false;
    }
    pending.remove(taskId);
    if (!pending.isEmpty()) {
      return false;
    }
    LOG.info("Explicit reconciliation complete");
    timer.cancel();
    scheduleImplicit(round);
    return true;
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  /** Abandons the current round (the subscription ended). */
  synchronized void stop() {
    round++;
    attempt = 0;
    pending.clear();
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  private void scheduleRetry(long forRound) {
    timer = timers.schedule(retryBackoff.delay(++attempt), () -> retry(forRound));
  }

  private void retry(long forRound) {
    List<List<Reconcile.Task>> calls;
    synchronized (this) {
      if (forRound != round || pending.isEmpty()) {
        return;
      }
      LOG.info("Re-sending explicit reconciliation for {} unanswered tasks", pending.size());
      calls = explicitCalls();
      scheduleRetry(forRound);
    }
    calls.forEach(send);
  }

  private void scheduleImplicit(long forRound) {
    timer = timers.schedule(implicitInterval, () -> implicit(forRound));
  }

  private void implicit(long forRound) {
    synchronized (this) {
      if (forRound != round) {
        return;
      }
      scheduleImplicit(forRound);
    }
    send.accept(List.of());
  }

  private List<List<Reconcile.Task>> explicitCalls() {
    List<List<Reconcile.Task>> calls = new ArrayList<>();
    List<Reconcile.Task> batch = new ArrayList<>();
    pending.forEach((taskId, agentId) -> {
      Reconcile.Task.Builder task = Reconcile.Task.newBuilder().setTaskId(taskId);
      if (agentId != null) {
        task.setAgentId(agentId);
      }
      batch.add(task.build());
      if (batch.size() == MAX_TASKS_PER_CALL) {
        calls.add(List.copyOf(batch));
        batch.clear();
      }
    });
    if (!batch.isEmpty()) {
      calls.add(List.copyOf(batch));
    }
    return calls;
  }
}

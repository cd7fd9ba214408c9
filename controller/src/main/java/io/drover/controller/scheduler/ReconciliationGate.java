package io.drover.controller.scheduler;

import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which services may act after a (re)subscription. At SUBSCRIBED every service records
 * its non-terminal tasks as unanswered; any recorded UPDATE for one of them (a reconciliation
 * answer or not) answers it, and a service with nothing left unanswered may launch, kill and
 * finish again. So one service whose agent a freshly failed-over master is silent about (up to
 * {@code agent_reregister_timeout}) holds back only itself. Services added after the subscription
 * have nothing to wait for; the client's {@code reconciled()} answers everything. Nobody acts while
 * no subscription is up. Event loop only.
 */
final class ReconciliationGate {
  private static final Logger LOG = LoggerFactory.getLogger(ReconciliationGate.class);

  private final SchedulerState state;

  ReconciliationGate(SchedulerState state) {
    this.state = state;
  }

  /** Whether the service may act now. */
  boolean open(ServiceEntry e) {
    return up() && e.unanswered.isEmpty();
  }

  /** Whether any service may act at all: a subscription is up and this scheduler owns the framework. */
  boolean up() {
    return state.active && state.subscribed;
  }

  /** A subscription is up: every service waits for an answer about each of its non-terminal tasks. */
  void subscribed() {
    state.subscribed = true;
    List<String> waiting = new ArrayList<>();
    for (ServiceEntry e : state.services.values()) {
      e.unanswered.clear();
      for (TaskRecord t : e.record.tasks().values()) {
        if (!t.condition().terminal()) {
          e.unanswered.add(t.taskId().getValue());
        }
      }
      if (!e.unanswered.isEmpty()) {
        waiting.add(e.name() + " (" + e.unanswered.size() + ")");
      }
    }
    if (!waiting.isEmpty()) {
      LOG.info("waiting for task reconciliation before these services act: {}", String.join(", ", waiting));
    }
  }

  /** Mesos's latest word on a task of the service is recorded. */
  void answered(ServiceEntry e, TaskID taskId) {
    if (e.unanswered.remove(taskId.getValue()) && e.unanswered.isEmpty()) {
      LOG.info("service {}: its tasks are reconciled; it may act", e.name());
    }
  }

  /** The client heard about every task it asked for: nobody waits any more. */
  void reconciled() {
    state.services.values().forEach(e -> e.unanswered.clear());
  }

  /** The subscription ended (or the framework is gone): nobody acts until the next SUBSCRIBED. */
  void down() {
    state.subscribed = false;
  }
}

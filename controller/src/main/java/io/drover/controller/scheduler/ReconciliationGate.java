package io.drover.controller.scheduler;

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
  /** A subscription is up: SUBSCRIBED arrived, and no disconnection since. */
  private boolean subscribed;

  ReconciliationGate(SchedulerState state) {
    this.state = state;
  }

  /** Whether the service may act now. */
  boolean open(ServiceEntry e) {
    return up() && !e.awaitingAnswers();
  }

  /** Whether any service may act at all: a subscription is up and this scheduler owns the framework. */
  boolean up() {
    return state.active() && subscribed;
  }

  /** A subscription is up: every service waits for an answer about each of its non-terminal tasks. */
  void subscribed() {
    subscribed = true;
    List<String> waiting = new ArrayList<>();
    for (ServiceEntry e : state.entries()) {
      int n = e.awaitAnswers();
      if (n > 0) {
        waiting.add(e.name() + " (" + n + ")");
      }
    }
    if (!waiting.isEmpty()) {
      LOG.info("waiting for task reconciliation before these services act: {}", String.join(", ", waiting));
    }
  }

  /** Mesos's latest word on a task of the service is recorded. */
  void answered(ServiceEntry e, TaskID taskId) {
    if (e.answered(taskId)) {
      LOG.info("service {}: its tasks are reconciled; it may act", e.name());
    }
  }

  /** The client heard about every task it asked for: nobody waits any more. */
  void reconciled() {
    state.entries().forEach(ServiceEntry::allAnswered);
  }

  /** The subscription ended (or the framework is gone): nobody acts until the next SUBSCRIBED. */
  void down() {
    subscribed = false;
  }
}

package io.drover.controller.scheduler;

import io.drover.controller.mesos.SchedulerEventListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Fault injection between the real client and the runner: plays a master that has just failed
 * over and says nothing about some tasks, as a real Mesos master does about the tasks of an agent
 * that has not reregistered yet (for up to {@code agent_reregister_timeout}). While silent, the
 * UPDATEs of those tasks, and the client's {@code reconciled()} that counted them, are held back;
 * {@link #speak()} delivers them in their order. Everything else passes at once. Callbacks arrive
 * on the client's dispatch thread; the test thread silences and speaks.
 */
final class SilentMaster implements SchedulerEventListener {
  private final SchedulerEventListener delegate;
  private final List<Runnable> held = new ArrayList<>();
  private Set<String> silentAbout = Set.of();
  private int subscriptions;

  SilentMaster(SchedulerEventListener delegate) {
    this.delegate = delegate;
  }

  /** From now on, holds back every UPDATE of these task ids. */
  synchronized void silenceAbout(Set<String> taskIds) {
    silentAbout = Set.copyOf(taskIds);
  }

  /** Delivers what was held back, in order, and stops holding anything back. */
  synchronized void speak() {
    silentAbout = Set.of();
    held.forEach(Runnable::run);
    held.clear();
  }

  /** SUBSCRIBED events passed to the runner so far. */
  synchronized int subscriptions() {
    return subscriptions;
  }

  @Override
  public synchronized void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
    subscriptions++;
    delegate.subscribed(frameworkId, heartbeatIntervalSeconds);
  }

  @Override
  public synchronized void reconciled() {
    if (silentAbout.isEmpty()) {
      delegate.reconciled();
    } else {
      held.add(delegate::reconciled);
    }
  }

  @Override
  public synchronized void event(Event event) {
    if (event.getType() == Event.Type.UPDATE
        && silentAbout.contains(event.getUpdate().getStatus().getTaskId().getValue())) {
      held.add(() -> delegate.event(event));
    } else {
      delegate.event(event);
    }
  }

  @Override
  public synchronized void disconnected(String reason) {
    delegate.disconnected(reason);
  }

  @Override
  public synchronized void failedOver(String message) {
    delegate.failedOver(message);
  }

  @Override
  public synchronized void frameworkRemoved(String message) {
    delegate.frameworkRemoved(message);
  }
}

package io.drover.controller.app;

import io.drover.controller.mesos.SchedulerEventListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Passes every Mesos client event on to the scheduler and remembers whether a subscription is up,
 * so the framework teardown can wait for one, and then for the stream to close. Thread-safe.
 */
final class SubscriptionTracker implements SchedulerEventListener {
  private final SchedulerEventListener delegate;
  private boolean subscribed;
  private String frameworkId;

  SubscriptionTracker(SchedulerEventListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void subscribed(FrameworkID id, int heartbeatIntervalSeconds) {
    set(true, id.getValue());
    delegate.subscribed(id, heartbeatIntervalSeconds);
  }

  @Override
  public void reconciled() {
    delegate.reconciled();
  }

  @Override
  public void event(Event event) {
    delegate.event(event);
  }

  @Override
  public void disconnected(String reason) {
    set(false, frameworkId);
    delegate.disconnected(reason);
  }

  @Override
  public void failedOver(String message) {
    set(false, frameworkId);
    delegate.failedOver(message);
  }

  @Override
  public void frameworkRemoved(String message) {
    set(false, null);
    delegate.frameworkRemoved(message);
  }

  /** Waits until subscribed; returns the framework id, or null on timeout. */
  synchronized String awaitSubscribed(Duration timeout) throws InterruptedException {
    awaitState(true, timeout);
    return subscribed ? frameworkId : null;
  }

  /** Waits until the stream is down; returns false on timeout. */
  synchronized boolean awaitDisconnected(Duration timeout) throws InterruptedException {
    awaitState(false, timeout);
    return !subscribed;
  }

  private synchronized void set(boolean up, String id) {
    subscribed = up;
    frameworkId = id;
    notifyAll();
  }

  private void awaitState(boolean up, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (subscribed != up) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}

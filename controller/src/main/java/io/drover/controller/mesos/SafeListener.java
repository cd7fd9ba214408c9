package io.drover.controller.mesos;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shields the dispatch thread from a listener that throws: logged, and the stream goes on. */
final class SafeListener implements SchedulerEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

  private final SchedulerEventListener delegate;

  SafeListener(SchedulerEventListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
    guard("subscribed", () -> delegate.subscribed(frameworkId, heartbeatIntervalSeconds));
  }

  @Override
  public void reconciled() {
    guard("reconciled", delegate::reconciled);
  }

  @Override
  public void event(Event event) {
    guard("event(" + event.getType() + ")", () -> delegate.event(event));
  }

  @Override
  public void disconnected(String reason) {
    guard("disconnected", () -> delegate.disconnected(reason));
  }

  @Override
  public void failedOver(String message) {
    guard("failedOver", () -> delegate.failedOver(message));
  }

  @Override
  public void frameworkRemoved(String message) {
    guard("frameworkRemoved", () -> delegate.frameworkRemoved(message));
  }

  private static void guard(String callback, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("SchedulerEventListener.{} threw; continuing with the next event", callback, e);
    }
  }
}

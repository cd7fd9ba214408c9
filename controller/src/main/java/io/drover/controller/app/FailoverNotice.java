package io.drover.controller.app;

import io.drover.controller.mesos.SchedulerEventListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Passes the Mesos client's events to the scheduler and also tells the runtime's owner when Mesos
 * failed the subscription over to another scheduler: the client has then stopped for good, and only
 * a new runtime can subscribe again.
 */
final class FailoverNotice implements SchedulerEventListener {
  private final SchedulerEventListener scheduler;
  private final CompletableFuture<String> failedOver = new CompletableFuture<>();

  FailoverNotice(SchedulerEventListener scheduler) {
    this.scheduler = scheduler;
  }

  /** Completes with Mesos's message once the subscription was failed over; never otherwise. */
  CompletionStage<String> failedOver() {
    return failedOver.minimalCompletionStage();
  }

  @Override
  public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
    scheduler.subscribed(frameworkId, heartbeatIntervalSeconds);
  }

  @Override
  public void reconciled() {
    scheduler.reconciled();
  }

  @Override
  public void event(Event event) {
    scheduler.event(event);
  }

  @Override
  public void disconnected(String reason) {
    scheduler.disconnected(reason);
  }

  @Override
  public void failedOver(String message) {
    try {
      scheduler.failedOver(message);
    } finally {
      failedOver.complete(message);
    }
  }

  @Override
  public void frameworkRemoved(String message) {
    scheduler.frameworkRemoved(message);
  }
}

package io.drover.controller.mesos;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * What the Mesos client reports to the scheduler runtime. Callbacks arrive one at a time, in stream
 * order, on the client's dispatch thread; an implementation hands them to its own event loop and
 * returns quickly (a slow listener slows the stream, it never loses events).
 */
public interface SchedulerEventListener {

  /**
   * A subscription is up (the first, or one after a reconnect or master failover). Offers from
   * earlier subscriptions are void. Explicit task reconciliation has just started.
   */
  default void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {}

  /**
   * Every task the client was asked to reconcile after the latest SUBSCRIBED has been answered.
   * A runtime may let each service act earlier, once the UPDATEs about its own tasks arrived; after
   * this call nothing waits for reconciliation any more.
   */
  default void reconciled() {}

  /** OFFERS, RESCIND, UPDATE, FAILURE, MESSAGE, INVERSE_OFFERS and other stream events. */
  default void event(Event event) {}

  /** The subscription dropped; the client is reconnecting. No calls go through until {@link #subscribed}. */
  default void disconnected(String reason) {}

  /**
   * Mesos said another scheduler instance with our framework id took over ("Framework failed
   * over"). This instance must stop acting; the client does not reconnect.
   */
  default void failedOver(String message) {}

  /**
   * Mesos removed the framework (failover timeout elapsed or teardown). The stored framework id
   * has been retired; every task is gone, and the next subscription gets a new framework id.
   */
  default void frameworkRemoved(String message) {}
}

package io.drover.controller.mesos;

import org.apache.mesos.v1.scheduler.Protos.Event;

/** What the dispatch thread processes, strictly in arrival order. */
sealed interface StreamItem {

  /** An event read from {@code subscription}. */
  record Received(Subscription subscription, Event event) implements StreamItem {}

  /** {@code subscription}'s stream ended (read to the end, failed or aborted). */
  record Ended(Subscription subscription, String reason) implements StreamItem {}

  /** A SUBSCRIBE attempt got its 200. */
  record Opened(OpenedStream stream) implements StreamItem {}

  /** A SUBSCRIBE attempt found no master to accept it. */
  record ConnectFailed(String reason) implements StreamItem {}

  /** The reconnect backoff elapsed (or was cut short): try to subscribe. */
  record Connect() implements StreamItem {}

  /** The master detector believes another master leads now. */
  record LeaderChanged() implements StreamItem {}
}

package io.drover.controller.mesos;

import java.util.Optional;

/**
 * Whether the client may SUBSCRIBE now. Asked before every subscription attempt, the first and
 * every reconnect: a closed gate postpones the attempt with the reconnect backoff. A replica that
 * is not (or no longer surely) the leader closes it, so its client never takes the framework over
 * from the real leader. Called on the client's dispatch thread; must be quick and not block.
 */
@FunctionalInterface
public interface SubscribeGate {

  /** Always open: a client that is the only scheduler of its framework by construction. */
  SubscribeGate OPEN = Optional::empty;

  /** Why the client must not subscribe now, or empty when it may. */
  Optional<String> closedBecause();
}

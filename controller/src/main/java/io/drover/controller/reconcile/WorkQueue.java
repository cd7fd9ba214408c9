package io.drover.controller.reconcile;

import io.drover.controller.time.Timers;
import io.drover.reconcile.state.Backoff;
import java.util.Collection;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A keyed work queue in the style of Kubernetes controllers: producers {@link #add} keys whenever
 * something about them may have changed, and a handler brings each key up to date.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Deduplicated: a key added many times before it runs is handled once.
 *   <li>One in flight per key: a key is never handled twice at once. Adds that arrive while it
 *       runs are merged into exactly one follow-up run, started as soon as the current one ends.
 *   <li>Per-key backoff: a handler that throws is retried after {@link Backoff#delay} of its
 *       consecutive failures (reset by a success). A fresh {@link #add} still runs promptly, since
 *       something changed, but keeps the failure count.
 *   <li>Priorities ({@link Priority}): a user's change first, then observed changes and retries,
 *       then resync keys; only resync keys are rate limited (a global limit on their starts), so
 *       a user's change never waits behind a resync. At most {@code maxInFlight} handlers at once.
 *   <li>Periodic resync: every known key (from the supplier) is added again.
 * </ul>
 *
 * <p>Thread-safe. Handlers run on the given executor, never under the queue's lock.
 *
 * @param <K> the key, with value equality (here the service name)
 */
public interface WorkQueue<K> extends AutoCloseable {

  /** Brings one key up to date; an exception means "retry with backoff". */
  @FunctionalInterface
  interface KeyHandler<K> {
    void handle(K key) throws Exception;
  }

  /**
   * Creates a running queue.
   *
   * @param name for logs and thread names
   * @param resyncKeys every key that should be looked at periodically, called on a timer thread
   */
  static <K> WorkQueue<K> create(
      String name,
      WorkQueueConfig config,
      KeyHandler<K> handler,
      Supplier<? extends Collection<K>> resyncKeys,
      Timers timers,
      Executor workers) {
    return new WorkQueueImpl<>(name, config, handler, resyncKeys, timers, workers);
  }

  /**
   * Why a key is added, highest priority first. A waiting key runs before every waiting key of a
   * lower priority, so a user's change never waits behind a resync of every service; only {@link
   * #RESYNC} keys are rate limited.
   */
  enum Priority {
    /** A user's change: a desired document was written or deleted. */
    USER,
    /** What the scheduler observes about the service changed, or a failed key is retried. */
    OBSERVED,
    /** The periodic look at every key; rate limited. */
    RESYNC
  }

  /**
   * Asks for the key to be handled soon, with {@code priority}; a key already waiting with a lower
   * priority moves up. Does nothing once closed.
   */
  void add(K key, Priority priority);

  /** {@link #add(Object, Priority)} with the highest priority, {@link Priority#USER}. */
  default void add(K key) {
    add(key, Priority.USER);
  }

  /** {@link #add(Object)} for each key. */
  default void addAll(Collection<? extends K> keys) {
    keys.forEach(this::add);
  }

  /** Adds every key from the resync supplier now, with {@link Priority#RESYNC}. */
  void resync();

  /** Stops starting handlers (running ones finish); adds are still collected. */
  void pause();

  /** Starts handlers again after {@link #pause}. */
  void resume();

  /** Keys waiting to run now (not those waiting for a backoff to expire, nor those running). */
  int depth();

  /** Handlers running now. */
  int inFlight();

  /**
   * Keys a user's change ({@link Priority#USER}) added that wait or are being handled now: the
   * changes still on their way to the scheduler, so that it can gather a burst of them into one
   * offer round.
   */
  int userChanges();

  /** Stops for good: no handler starts afterwards; running handlers are not interrupted. */
  @Override
  void close();
}

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
 *   <li>A global rate limit on handler starts, and at most {@code maxInFlight} handlers at once.
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

  /** Asks for the key to be handled soon. Does nothing once closed. */
  void add(K key);

  /** {@link #add} for each key. */
  default void addAll(Collection<? extends K> keys) {
    keys.forEach(this::add);
  }

  /** Adds every key from the resync supplier now. */
  void resync();

  /** Stops starting handlers (running ones finish); adds are still collected. */
  void pause();

  /** Starts handlers again after {@link #pause}. */
  void resume();

  /** Keys waiting to run now (not those waiting for a backoff to expire, nor those running). */
  int depth();

  /** Handlers running now. */
  int inFlight();

  /** Stops for good: no handler starts afterwards; running handlers are not interrupted. */
  @Override
  void close();
}

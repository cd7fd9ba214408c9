package io.drover.bench;

/**
 * Told of every {@code putService} call the reconcile loop makes, as it is made, and when the
 * scheduler has taken it (stored and published; its future completed).
 */
interface PutListener {

  /**
   * @param name the service
   * @param generation the desired document's generation the call carries
   * @param nanoTime {@link System#nanoTime()} when the call was made
   */
  void put(String name, long generation, long nanoTime);

  /** As {@link #put}, when the scheduler's loop completed the call (successfully). */
  void taken(String name, long generation, long nanoTime);
}

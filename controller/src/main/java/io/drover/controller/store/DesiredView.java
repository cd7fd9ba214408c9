package io.drover.controller.store;

import java.util.Optional;

/**
 * The desired documents as the leader's reconcile loop reads them: the watched cache for every
 * decision, and a read of ZooKeeper itself before a decision that destroys something is taken
 * from a document's absence. A cache can be incomplete (still loading) or behind (events not yet
 * applied); "gone" is only believed when the cache is complete and ZooKeeper confirms it.
 * Thread-safe.
 */
public interface DesiredView {

  /** The cached document, if the cache has it. */
  Optional<DesiredEntry> get(String name);

  /** True once the cache holds every document that existed when it started. */
  boolean complete();

  /**
   * Whether the document exists in ZooKeeper now, read on this process's own session.
   *
   * @throws StoreException when ZooKeeper cannot tell (connection lost, session suspended); the
   *     caller must then postpone its decision, never take the document for gone
   */
  boolean existsNow(String name) throws StoreException;

  /** The view over {@code cache}, confirming absences with {@code documents}. */
  static DesiredView of(ChildrenCache<DesiredEntry> cache, DesiredStore documents) {
    return new DesiredView() {
      @Override
      public Optional<DesiredEntry> get(String name) {
        return cache.get(name);
      }

      @Override
      public boolean complete() {
        return cache.initialized();
      }

      @Override
      public boolean existsNow(String name) throws StoreException {
        return documents.read(name).isPresent();
      }
    };
  }
}

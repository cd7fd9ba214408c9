package io.drover.controller.store;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The progress of a {@link ChildrenCache}'s first load: which children of the first listing are
 * still to be read, and who waits for the whole load or for one child of it. Listings and reads are
 * reported on the cache's events executor; the waits may be asked for from any thread.
 */
final class FirstLoad {
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  /** Who waits for one child ({@link #whenRead}); completed once it is read or the load is done. */
  private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
  /** The first listing's children not read yet, null before it; touched only on the events executor. */
  private Set<String> awaited;

  boolean done() {
    return done.isDone();
  }

  /** Completes (on the events executor) once every child of the first listing has been read. */
  CompletableFuture<Void> whenDone() {
    return done.thenApply(v -> v);
  }

  /**
   * Completes once the named child has been read or the load is done, whichever comes first.
   *
   * @param read whether the cache holds the child already (read before this wait began)
   */
  CompletableFuture<Void> whenRead(String name, BooleanSupplier read) {
    if (done.isDone() || read.getAsBoolean()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> waiter = waiters.computeIfAbsent(name, n -> new CompletableFuture<>());
    // Read or loaded meanwhile, before this waiter was there to be told.
    if (done.isDone() || read.getAsBoolean()) {
      waiters.remove(name, waiter);
      waiter.complete(null);
    }
    return waiter.thenApply(v -> v);
  }

  /** A listing of the parent: the first sets the children to read, a later one drops those no longer listed. */
  void listed(Set<String> now) {
    if (awaited == null) {
      awaited = new HashSet<>(now);
    } else {
      awaited.retainAll(now);
    }
    completeIfDone();
  }

  /** A child read: applied, found absent, or failed to decode. */
  void read(String name) {
    CompletableFuture<Void> waiter = waiters.remove(name);
    if (waiter != null) {
      waiter.complete(null);
    }
    if (awaited != null && awaited.remove(name)) {
      completeIfDone();
    }
  }

  private void completeIfDone() {
    if (awaited.isEmpty() && done.complete(null)) {
      waiters.values().forEach(w -> w.complete(null));
      waiters.clear();
    }
  }
}

package io.drover.chaos;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the user has asked for so far, as the monitor judges the cluster by it: the services that
 * should run (with their instance counts and the time of their last spec change) and the ones
 * deleted whose teardown is not yet seen complete. Written by the edits, read by the monitor;
 * thread-safe.
 */
final class ServiceModel {

  /**
   * A service that should run: {@code instances} of it, its spec last changed at {@code changed};
   * {@code stored} once its document is known to be in ZooKeeper (the model learns of a change
   * before it is written, so that no relaunch it causes is ever judged needless).
   */
  record Wanted(String name, int instances, Instant changed, boolean stored) {}

  private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();
  private final Map<String, Instant> deleting = new ConcurrentHashMap<>();

  /** The user is about to write {@code doc} (at {@code at}). */
  void writing(Workload.Doc doc, Instant at) {
    deleting.remove(doc.name());
    Wanted before = wanted.get(doc.name());
    wanted.put(doc.name(), new Wanted(doc.name(), doc.instances(), at, before != null && before.stored()));
  }

  /** The document of {@code name} is in ZooKeeper. */
  void stored(String name) {
    wanted.computeIfPresent(name, (n, w) -> new Wanted(n, w.instances(), w.changed(), true));
  }

  /** The user deleted {@code name} at {@code at}. */
  void deleted(String name, Instant at) {
    wanted.remove(name);
    deleting.put(name, at);
  }

  /** The teardown of {@code name} was seen complete; returns when it was deleted. */
  Optional<Instant> teardownDone(String name) {
    return Optional.ofNullable(deleting.remove(name));
  }

  Map<String, Wanted> wanted() {
    return Map.copyOf(wanted);
  }

  Map<String, Instant> deleting() {
    return Map.copyOf(deleting);
  }
}

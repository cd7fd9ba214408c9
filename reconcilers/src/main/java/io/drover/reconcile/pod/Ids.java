package io.drover.reconcile.pod;

import java.util.UUID;

/**
 * Where fresh unique ids (task id suffixes, reservation resource ids, persistence ids) come from.
 * Injected so that decisions are reproducible in tests.
 */
@FunctionalInterface
public interface Ids {

  /** A new id, never returned before. */
  String next();

  /** Random UUIDs, for production. */
  static Ids random() {
    return () -> UUID.randomUUID().toString();
  }
}

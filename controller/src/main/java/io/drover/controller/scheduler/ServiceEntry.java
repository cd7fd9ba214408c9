package io.drover.controller.scheduler;

import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One live service as the event loop holds it: its persisted record, its in-memory pacing, and
 * what the last decisions said. Confined to the event loop thread.
 */
final class ServiceEntry {
  ServiceRecord record;
  Pacing pacing = Pacing.none();
  /** The latest notable event for status (a rejected update, a forced teardown), or null. */
  String message;
  /** When launches without any status yet were sent (or last reconciled), by task id. */
  final Map<String, Instant> launchedAt = new HashMap<>();
  /** Task ids Mesos has not yet said anything about since the latest SUBSCRIBED; see {@link ReconciliationGate}. */
  final Set<String> unanswered = new HashSet<>();

  ServiceEntry(ServiceRecord record) {
    this.record = record;
  }

  String name() {
    return record.name();
  }
}

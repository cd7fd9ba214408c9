package io.drover.controller.scheduler;

import io.drover.reconcile.routing.OfferInterest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the scheduler runtime knows, owned by the event loop thread (no locks): live
 * services by name, entries that could not be recovered, and the framework-level flags.
 */
final class SchedulerState {
  final Map<String, ServiceEntry> services = new TreeMap<>();
  /** Stored entries that could not be read, with the reason; left alone until uninstalled. */
  final Map<String, String> broken = new TreeMap<>();
  /** Explicit reconciliation finished after the latest SUBSCRIBED: services may launch. */
  boolean reconciled;
  /** False once another scheduler took over the framework, or the store refused our writes. */
  boolean active = true;
  String inactiveReason;
  OfferInterest interest = OfferInterest.initial();
  long round;
  /** Unknown task ids already killed once, oldest first, bounded. */
  final Map<String, Boolean> killedUnknown =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 10_000;
        }
      };

  List<ServiceEntry> entries() {
    return new ArrayList<>(services.values());
  }

  boolean anyWantsOffers() {
    return services.values().stream().anyMatch(e -> e.wantsOffers);
  }

  void deactivate(String reason) {
    active = false;
    inactiveReason = reason;
  }
}

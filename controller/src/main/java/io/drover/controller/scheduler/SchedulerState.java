package io.drover.controller.scheduler;

import io.drover.reconcile.routing.OfferInterest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the scheduler runtime knows, owned by the event loop thread (no locks): live
 * services by name, entries that could not be recovered, and the framework-level flags.
 */
final class SchedulerState {
  final Map<String, ServiceEntry> services = new TreeMap<>();
  /** Stored entries that could not be read, with the reason; left alone until uninstalled. */
  final Map<String, String> broken = new TreeMap<>();
  /** Live services whose last decision wanted offers; kept so the offer interest is not a scan of every service. */
  final Set<String> wantingOffers = new HashSet<>();
  /** A subscription is up (SUBSCRIBED, not disconnected since); see {@link ReconciliationGate}. */
  boolean subscribed;
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

  void deactivate(String reason) {
    active = false;
    inactiveReason = reason;
  }
}

package io.drover.reconcile.routing;

import com.google.common.collect.Sets;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.RoundWaits;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Routes one offer round to every service fairly: first the reservations of unknown namespaces are
 * released, then each service in turn evaluates what the previous ones left. The service that goes
 * first rotates with every round, so that two hungry services take turns at the best offers.
 */
public final class OfferRouter {

  /** A service taking part in the round. */
  public record Entry(ServiceRecord record, Pacing pacing) {}

  /**
   * The round's outcome: pools with every operation, each service's new record by name, and what
   * the round said about each service's pending launches.
   */
  public record Routed(List<OfferPool> pools, Map<String, ServiceRecord> records, List<String> order,
      Map<String, RoundWaits> waits) {
    public Routed {
      pools = List.copyOf(pools);
      records = Map.copyOf(records);
      order = List.copyOf(order);
      waits = Map.copyOf(waits);
    }
  }

  private OfferRouter() {}

  /**
   * The services whose reservations the pools offer. Such a service takes part in the round even
   * when it has no work of its own: only an offer shows it reservations that no record of it
   * expects any more (left by a replaced instance on an agent that came back), which it releases.
   */
  public static Set<String> reservedNamespaces(List<OfferPool> pools) {
    Set<String> out = new HashSet<>();
    for (OfferPool pool : pools) {
      for (Resource r : pool.reserved()) {
        ReservationLabels.namespace(r).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * @param services the services taking part in the round (uninstalling ones included), in a stable order
   * @param held names of services that exist but sit this round out (for example while their tasks
   *     are not yet reconciled): they see no offers, and their reservations are neither theirs to
   *     use nor an unknown namespace to release
   * @param round a counter the caller increments per round; picks who goes first
   */
  public static Routed route(List<OfferPool> pools, List<Entry> services, Set<String> held, long round,
      ServiceScheduler scheduler, Instant now) {
    // A view, not a copy: held names every service, and a round costs what its services cost.
    Set<String> routed = new HashSet<>();
    services.forEach(e -> routed.add(e.record().name()));
    List<OfferPool> current = NamespaceCleaner.clean(pools, Sets.union(held, routed));
    Map<String, ServiceRecord> records = new LinkedHashMap<>();
    Map<String, RoundWaits> waits = new HashMap<>();
    List<String> order = new ArrayList<>();
    int n = services.size();
    for (int k = 0; k < n; k++) {
      Entry e = services.get((int) ((Math.floorMod(round, (long) n) + k) % n));
      Decisions.Offers d = scheduler.offers(e.record(), e.pacing(), current, now);
      current = d.pools();
      records.put(e.record().name(), d.record());
      waits.put(e.record().name(), d.waits());
      order.add(e.record().name());
    }
    return new Routed(current, records, order, waits);
  }
}

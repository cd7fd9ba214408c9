package io.drover.reconcile.routing;

import com.google.common.collect.ImmutableRangeSet;
import io.drover.reconcile.mesos.Operations;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.offer.OfferPool;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Releases reservations whose namespace label names no service the scheduler knows (left behind by
 * a force-completed teardown, or by a service removed while its agent was away): DESTROY of
 * volumes, then UNRESERVE. A reservation without a namespace label is never touched: it belongs to
 * an operator or another framework.
 */
public final class NamespaceCleaner {

  private NamespaceCleaner() {}

  public static List<OfferPool> clean(List<OfferPool> pools, Set<String> knownServices) {
    List<OfferPool> out = new ArrayList<>();
    for (OfferPool pool : pools) {
      List<Resource> victims = new ArrayList<>();
      Set<String> ids = new LinkedHashSet<>();
      for (Resource r : pool.reserved()) {
        Optional<String> ns = ReservationLabels.namespace(r);
        if (ns.isPresent() && !knownServices.contains(ns.get())) {
          victims.add(r);
          ReservationLabels.resourceId(r).ifPresent(ids::add);
        }
      }
      out.add(victims.isEmpty() ? pool : pool.after(Operations.release(victims), Map.of(), ImmutableRangeSet.of(), ids));
    }
    return out;
  }
}

package io.drover.reconcile.offer;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.TreeRangeSet;
import io.drover.reconcile.mesos.PortRanges;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Scalars;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Turns the offers of one OFFERS event into {@link OfferPool}s, one per agent and role, in the
 * order the agents first appear. Revocable, shared and non-root-disk resources are never used.
 */
public final class OfferPools {
  static final String CPUS = "cpus";
  static final String MEM = "mem";
  static final String DISK = "disk";
  static final String PORTS = "ports";
  private static final String ANY_ROLE = "*";

  private OfferPools() {}

  public static List<OfferPool> of(List<Offer> offers) {
    Map<String, List<Offer>> byKey = new LinkedHashMap<>();
    for (Offer o : offers) {
      byKey.computeIfAbsent(o.getAgentId().getValue() + "\u0000" + roleOf(o), k -> new ArrayList<>()).add(o);
    }
    List<OfferPool> pools = new ArrayList<>();
    for (List<Offer> group : byKey.values()) {
      pools.add(pool(group));
    }
    return pools;
  }

  private static OfferPool pool(List<Offer> group) {
    Offer first = group.get(0);
    Map<String, Double> scalars = new HashMap<>();
    TreeRangeSet<Long> ports = TreeRangeSet.create();
    List<Resource> reserved = new ArrayList<>();
    List<OfferID> ids = new ArrayList<>();
    for (Offer o : group) {
      ids.add(o.getId());
      for (Resource r : o.getResourcesList()) {
        if (r.hasRevocable() || r.hasShared()) {
          continue;
        }
        if (ReservationLabels.isReserved(r)) {
          reserved.add(r);
        } else if (r.getType() == Value.Type.SCALAR && isPlainScalar(r)) {
          scalars.merge(r.getName(), r.getScalar().getValue(), (a, b) -> Scalars.round(a + b));
        } else if (r.getType() == Value.Type.RANGES && r.getName().equals(PORTS)) {
          ports.addAll(PortRanges.of(r.getRanges()));
        }
      }
    }
    return new OfferPool(
        first.getAgentId(),
        first.getHostname(),
        roleOf(first),
        first.getAttributesList(),
        ids,
        scalars,
        ImmutableRangeSet.copyOf(ports),
        reserved,
        List.of());
  }

  private static boolean isPlainScalar(Resource r) {
    return switch (r.getName()) {
      case CPUS, MEM -> true;
      case DISK -> !r.hasDisk() || (!r.getDisk().hasSource() && !r.getDisk().hasPersistence());
      default -> false;
    };
  }

  /** The role the offer is allocated to (MULTI_ROLE), "*" for an old-style offer without one. */
  static String roleOf(Offer o) {
    if (o.hasAllocationInfo() && o.getAllocationInfo().hasRole()) {
      return o.getAllocationInfo().getRole();
    }
    for (Resource r : o.getResourcesList()) {
      if (r.hasAllocationInfo() && r.getAllocationInfo().hasRole()) {
        return r.getAllocationInfo().getRole();
      }
    }
    return ANY_ROLE;
  }
}

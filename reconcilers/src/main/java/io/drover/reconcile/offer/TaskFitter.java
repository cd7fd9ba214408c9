package io.drover.reconcile.offer;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import io.drover.api.model.PortSpec;
import io.drover.api.model.TaskSpec;
import io.drover.api.model.Volume;
import io.drover.reconcile.mesos.PortRanges;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Resources;
import io.drover.reconcile.mesos.Scalars;
import io.drover.reconcile.pod.Ids;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Fits one task into a pool: reuses the reservations of its previous launch when they are offered
 * (growing or shrinking them to the new spec), reserves what is missing from the unreserved part,
 * and creates its persistent volume. A reservation known to exist ({@code confirmedIds}) that is
 * not offered means "not available yet": the task does not fit. One never seen is re-reserved
 * under the same id, which repairs a launch whose RESERVE never reached Mesos.
 */
final class TaskFitter {

  /** What to fit: the task's spec and, for a relaunch in place, its previous launch. */
  record Request(
      String service, String principal, TaskSpec spec, TaskInfo previous, Set<String> confirmedIds, Ids ids) {}

  /** A successful fit: the task's resources and the operations that make them exist. */
  record Fit(
      List<Resource> resources,
      Map<String, Long> ports,
      List<Resource> reserve,
      List<Resource> unreserve,
      List<Resource> create,
      Map<String, Double> takenScalars,
      RangeSet<Long> takenPorts,
      Set<String> ids,
      Set<String> offeredIds) {}

  private final Request q;
  private final OfferPool pool;
  private final PreviousLaunch prev;
  private final List<Resource> offered;
  private final List<Resource> resources = new ArrayList<>();
  private final Map<String, Long> ports = new LinkedHashMap<>();
  private final List<Resource> reserve = new ArrayList<>();
  private final List<Resource> unreserve = new ArrayList<>();
  private final List<Resource> create = new ArrayList<>();
  private final Map<String, Double> taken = new HashMap<>();
  private final RangeSet<Long> takenPorts = TreeRangeSet.create();
  private final Set<String> ids = new LinkedHashSet<>();
  private final Set<String> offeredIds = new LinkedHashSet<>();

  private TaskFitter(Request q, OfferPool pool) {
    this.q = q;
    this.pool = pool;
    this.prev = PreviousLaunch.of(q.previous());
    this.offered = pool.reservedFor(q.service());
  }

  static Optional<Fit> fit(Request q, OfferPool pool) {
    TaskFitter f = new TaskFitter(q, pool);
    TaskSpec s = q.spec();
    boolean fits =
        f.scalar(OfferPools.CPUS, s.cpus())
            && f.scalar(OfferPools.MEM, s.memory() == null ? null : s.memory().doubleValue())
            && f.scalar(OfferPools.DISK, s.disk() == null ? null : s.disk().doubleValue())
            && f.ports(s.ports())
            && f.volume(s.volume());
    if (!fits) {
      return Optional.empty();
    }
    return Optional.of(
        new Fit(
            f.resources, f.ports, f.reserve, f.unreserve, f.create, f.taken,
            ImmutableRangeSet.copyOf(f.takenPorts), f.ids, f.offeredIds));
  }

  private boolean scalar(String name, Double wanted) {
    if (wanted == null || Scalars.isZero(wanted)) {
      return true;
    }
    String id = prev.scalarIds().getOrDefault(name, null);
    id = id == null ? q.ids().next() : id;
    List<Resource> pieces = pieces(id, name, false);
    if (!present(id, pieces)) {
      return false;
    }
    double have = 0;
    for (Resource r : pieces) {
      have += r.getScalar().getValue();
    }
    List<ReservationInfo> resv = reservations(id, pieces);
    double delta = Scalars.round(wanted - have);
    if (delta > 0) {
      if (!Scalars.covers(pool.available(name) - taken.getOrDefault(name, 0.0), delta)) {
        return false;
      }
      reserve.add(Resources.scalar(name, delta, pool.role(), resv));
      taken.merge(name, delta, Double::sum);
    } else if (delta < 0) {
      unreserve.add(Resources.scalar(name, -delta, pool.role(), resv));
    }
    resources.add(Resources.scalar(name, wanted, pool.role(), resv));
    ids.add(id);
    return true;
  }

  private boolean ports(Map<String, PortSpec> wanted) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    String id = prev.portsId() == null ? q.ids().next() : prev.portsId();
    List<Resource> pieces = pieces(id, OfferPools.PORTS, false);
    if (!present(id, pieces)) {
      return false;
    }
    RangeSet<Long> have = TreeRangeSet.create();
    pieces.forEach(r -> have.addAll(PortRanges.of(r.getRanges())));
    RangeSet<Long> free = TreeRangeSet.create(pool.ports());
    free.removeAll(takenPorts);
    RangeSet<Long> chosen = TreeRangeSet.create();
    for (Map.Entry<String, PortSpec> e : wanted.entrySet()) {
      Integer fixed = e.getValue() == null ? null : e.getValue().port();
      Long previous = prev.portNumbers().get(e.getKey());
      long number;
      if (fixed != null && fixed > 0) {
        number = fixed;
      } else if (previous != null && (have.contains(previous) || free.contains(previous)) && !chosen.contains(previous)) {
        number = previous;
      } else {
        RangeSet<Long> candidates = TreeRangeSet.create(free);
        candidates.removeAll(chosen);
        number = PortRanges.lowest(candidates);
        if (number < 0) {
          return false;
        }
      }
      if (!have.contains(number) && !free.contains(number)) {
        return false;
      }
      chosen.add(PortRanges.single(number));
      ports.put(e.getKey(), number);
    }
    RangeSet<Long> toReserve = TreeRangeSet.create(chosen);
    toReserve.removeAll(have);
    RangeSet<Long> toUnreserve = TreeRangeSet.create(have);
    toUnreserve.removeAll(chosen);
    List<ReservationInfo> resv = reservations(id, pieces);
    if (!toReserve.isEmpty()) {
      reserve.add(Resources.ports(toReserve, pool.role(), resv));
      takenPorts.addAll(toReserve);
    }
    if (!toUnreserve.isEmpty()) {
      unreserve.add(Resources.ports(toUnreserve, pool.role(), resv));
    }
    resources.add(Resources.ports(chosen, pool.role(), resv));
    ids.add(id);
    return true;
  }

  private boolean volume(Volume v) {
    if (v == null) {
      return true;
    }
    String id = prev.volumeId() == null ? q.ids().next() : prev.volumeId();
    String persistenceId = prev.persistenceId() == null ? q.ids().next() : prev.persistenceId();
    List<Resource> pieces = pieces(id, OfferPools.DISK, true);
    Optional<Resource> existing =
        pieces.stream()
            .filter(r -> Resources.isVolume(r) && r.getDisk().getPersistence().getId().equals(persistenceId))
            .findFirst();
    if (existing.isPresent()) {
      resources.add(existing.get());
    } else {
      if (!present(id, pieces)) {
        return false;
      }
      List<ReservationInfo> resv = reservations(id, pieces);
      double size = v.sizeMiB();
      if (pieces.isEmpty()) {
        if (!Scalars.covers(pool.available(OfferPools.DISK) - taken.getOrDefault(OfferPools.DISK, 0.0), size)) {
          return false;
        }
        reserve.add(Resources.scalar(OfferPools.DISK, size, pool.role(), resv));
        taken.merge(OfferPools.DISK, size, Double::sum);
      }
      Resource volume =
          Resources.volume(size, pool.role(), resv, persistenceId, q.principal(), v.path());
      create.add(volume);
      resources.add(volume);
    }
    ids.add(id);
    return true;
  }

  /** Offered pieces of reservation {@code id}; volumes only when {@code volumes} is set. */
  private List<Resource> pieces(String id, String name, boolean volumes) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : offered) {
      boolean sameId = ReservationLabels.resourceId(r).filter(id::equals).isPresent();
      if (sameId && r.getName().equals(name) && (volumes || !Resources.isVolume(r))) {
        out.add(r);
      }
    }
    return out;
  }

  /** False when the reservation is known to exist but is not offered: wait for it. */
  private boolean present(String id, List<Resource> pieces) {
    if (!pieces.isEmpty()) {
      offeredIds.add(id);
      return true;
    }
    return !q.confirmedIds().contains(id);
  }

  private List<ReservationInfo> reservations(String id, List<Resource> pieces) {
    if (!pieces.isEmpty()) {
      return pieces.get(0).getReservationsList();
    }
    return List.of(ReservationLabels.dynamic(pool.role(), q.principal(), q.service(), id));
  }
}

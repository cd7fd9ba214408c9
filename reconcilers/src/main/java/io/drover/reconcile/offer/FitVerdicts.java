package io.drover.reconcile.offer;

import com.google.common.collect.ContiguousSet;
import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import io.drover.api.model.Placement;
import io.drover.api.model.PlacementRule;
import io.drover.api.model.PortSpec;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.mesos.PortRanges;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Resources;
import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Says why a pod instance does not fit one agent's offer, for people: the placement rule or
 * {@code maxPerHost} that excludes the agent, a reservation of the instance that is not offered,
 * or the first need the offer cannot meet, found by fitting the instance's tasks with their needs
 * added one at a time in the order {@link TaskFitter} fits them (cpus, memory, disk, ports,
 * volume): the need whose addition makes the fit fail is the one that blocks. The fitter itself
 * decides; this only explains, so it can never disagree with it. Pure.
 */
public final class FitVerdicts {
  private static final Blocker[] ORDER = {Blocker.CPUS, Blocker.MEMORY, Blocker.DISK, Blocker.PORTS, Blocker.VOLUME};
  /** Diagnosis must not draw on the scheduler's ids (tests replay them); any label will do here. */
  private static final Ids SCRATCH = () -> "fit-check";

  private FitVerdicts() {}

  /** The placement verdict: empty when the pod may run on the agent. */
  public static Optional<PoolVerdict> placement(Placement placement, OfferPool pool, int onHost) {
    if (placement == null) {
      return Optional.empty();
    }
    if (placement.maxPerHost() != null && onHost >= placement.maxPerHost()) {
      return Optional.of(PoolVerdict.of(pool, Blocker.MAX_PER_HOST, placement.maxPerHost(), onHost,
          "maxPerHost " + placement.maxPerHost() + ", and " + pool.hostname() + " has " + onHost));
    }
    for (PlacementRule rule : placement.rules() == null ? List.<PlacementRule>of() : placement.rules()) {
      if (!PlacementCheck.holds(rule, pool)) {
        return Optional.of(PoolVerdict.of(pool, Blocker.PLACEMENT, 0, 0,
            rule.field() + " " + rule.operator() + " " + rule.value()));
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code tasks} (one instance, as {@link InstanceLauncher#launch} would take them) do not fit
   * {@code pool}; empty when they do.
   */
  public static Optional<PoolVerdict> fit(Target target, String principal, List<TaskToLaunch> tasks, OfferPool pool) {
    Optional<PoolVerdict> missing = missingReservation(target.name(), tasks, pool);
    if (missing.isPresent()) {
      return missing;
    }
    for (int k = 1; k <= ORDER.length; k++) {
      if (!fits(target.name(), principal, tasks, pool, k)) {
        return Optional.of(quantify(ORDER[k - 1], target.name(), tasks, pool));
      }
    }
    return Optional.empty();
  }

  private static Optional<PoolVerdict> missingReservation(String service, List<TaskToLaunch> tasks, OfferPool pool) {
    Set<String> offered = new HashSet<>();
    for (Resource r : pool.reservedFor(service)) {
      ReservationLabels.resourceId(r).ifPresent(offered::add);
    }
    for (TaskToLaunch t : tasks) {
      TaskRecord prev = t.previous();
      if (prev == null) {
        continue;
      }
      PreviousLaunch launch = PreviousLaunch.of(prev.info());
      for (String id : prev.confirmedIds()) {
        if (!offered.contains(id)) {
          String what = id.equals(launch.volumeId()) ? "the persistent volume" : "a reservation (" + resourceName(launch, id) + ")";
          return Optional.of(PoolVerdict.of(pool, Blocker.RESERVATION, 0, 0,
              what + " of " + t.name() + " is not offered by " + pool.hostname()));
        }
      }
    }
    return Optional.empty();
  }

  private static String resourceName(PreviousLaunch launch, String id) {
    if (id.equals(launch.portsId())) {
      return "ports";
    }
    return launch.scalarIds().entrySet().stream().filter(e -> e.getValue().equals(id))
        .map(Map.Entry::getKey).findFirst().orElse(id);
  }

  /** Whether the instance fits with only its first {@code k} needs asked for. */
  private static boolean fits(String service, String principal, List<TaskToLaunch> tasks, OfferPool pool, int k) {
    OfferPool working = pool;
    for (TaskToLaunch t : tasks) {
      TaskRecord prev = t.previous();
      TaskFitter.Request req = new TaskFitter.Request(service, principal, project(t.spec(), k),
          prev == null ? null : prev.info(), prev == null ? Set.of() : prev.confirmedIds(), SCRATCH);
      Optional<TaskFitter.Fit> fit = TaskFitter.fit(req, working);
      if (fit.isEmpty()) {
        return false;
      }
      TaskFitter.Fit f = fit.get();
      working = working.after(List.of(), f.takenScalars(), f.takenPorts(), f.offeredIds());
    }
    return true;
  }

  private static TaskSpec project(TaskSpec s, int k) {
    return new TaskSpec(s.goal(), s.cmd(), s.cpus(), k >= 2 ? s.memory() : null, k >= 3 ? s.disk() : null,
        k >= 4 ? s.ports() : null, s.env(), s.healthCheck(), s.readinessCheck(), k >= 5 ? s.volume() : null,
        s.killGracePeriodSeconds(), s.user());
  }

  private static PoolVerdict quantify(Blocker blocker, String service, List<TaskToLaunch> tasks, OfferPool pool) {
    double needed = 0;
    for (TaskToLaunch t : tasks) {
      TaskSpec s = t.spec();
      needed += switch (blocker) {
        case CPUS -> s.cpus() == null ? 0 : s.cpus();
        case MEMORY -> s.memory() == null ? 0 : s.memory();
        case DISK -> s.disk() == null ? 0 : s.disk();
        case VOLUME -> (s.disk() == null ? 0 : s.disk()) + (s.volume() == null ? 0 : s.volume().sizeMiB());
        default -> 0;
      };
    }
    return switch (blocker) {
      case CPUS -> PoolVerdict.of(pool, blocker, needed, usable(pool, service, OfferPools.CPUS), null);
      case MEMORY -> PoolVerdict.of(pool, blocker, needed, usable(pool, service, OfferPools.MEM), null);
      case DISK, VOLUME -> PoolVerdict.of(pool, blocker, needed, usable(pool, service, OfferPools.DISK), null);
      default -> ports(service, tasks, pool);
    };
  }

  /** Unreserved amount plus what of the service's own reservations is offered (volumes aside). */
  private static double usable(OfferPool pool, String service, String name) {
    double own = 0;
    for (Resource r : pool.reservedFor(service)) {
      if (r.getName().equals(name) && !Resources.isVolume(r)) {
        own += r.getScalar().getValue();
      }
    }
    return pool.available(name) + own;
  }

  private static PoolVerdict ports(String service, List<TaskToLaunch> tasks, OfferPool pool) {
    RangeSet<Long> usable = TreeRangeSet.create(pool.ports());
    for (Resource r : pool.reservedFor(service)) {
      if (r.getName().equals(OfferPools.PORTS)) {
        usable.addAll(PortRanges.of(r.getRanges()));
      }
    }
    List<String> missing = new ArrayList<>();
    int wanted = 0;
    for (TaskToLaunch t : tasks) {
      if (t.spec().ports() == null) {
        continue;
      }
      for (PortSpec p : t.spec().ports().values()) {
        wanted++;
        if (p != null && p.port() != null && p.port() > 0 && !usable.contains((long) p.port())) {
          missing.add(Integer.toString(p.port()));
        }
      }
    }
    long count = 0;
    for (Range<Long> r : usable.asRanges()) {
      count += ContiguousSet.create(r, DiscreteDomain.longs()).size();
    }
    String detail = missing.isEmpty() ? null : "port " + String.join(", ", missing) + " not offered";
    return PoolVerdict.of(pool, Blocker.PORTS, wanted, count, detail);
  }
}

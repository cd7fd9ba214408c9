package io.drover.controller.scheduler;

import io.drover.reconcile.routing.OfferInterest;
import io.drover.reconcile.routing.RevivePacing;
import io.drover.reconcile.service.RoundWaits;
import io.drover.reconcile.service.WaitMemory;
import io.drover.reconcile.state.ServiceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything the scheduler runtime knows, owned by the event loop thread (no locks): live
 * services by name, entries that could not be recovered, the offer interest and the
 * framework-level flags. Fields are written only by the methods here, each named for why it
 * changes; the services themselves are {@link ServiceEntry}s. Every change the outside may see
 * is noted for the {@link StatePublisher} ({@link #takeChanged()}).
 */
final class SchedulerState {
  private final Map<String, ServiceEntry> services = new TreeMap<>();
  /**
   * The same services for lookups by name: every tick looks each service up (to skip one removed
   * meanwhile), and a hash lookup costs a fraction of the tree's string comparisons at 10,000.
   */
  private final Map<String, ServiceEntry> byName = new HashMap<>();
  /** Stored entries that could not be read, with the reason; left alone until uninstalled. */
  private final Map<String, String> broken = new TreeMap<>();
  /** Live services whose last decision wanted offers; kept so the offer interest is not a scan of every service. */
  private final Set<String> wantingOffers = new HashSet<>();
  /** Services whose published state may differ from what they are now, in order of change. */
  private final Set<String> changed = new LinkedHashSet<>();
  /**
   * Services the tick must look at: every live service whose wake-up time is set (it changed since
   * its latest advance, or that advance asked to be looked at again by a time), and some that no
   * longer need it (dropped at the next tick). A service that only an event can move is not here, so
   * idle services cost the tick nothing.
   */
  private final Set<String> awake = new HashSet<>();
  /**
   * Live services with a launch that has had no status yet, in name order, and some whose launches
   * have all been answered since (dropped at the next look): the only ones the check for lost
   * launches looks at, rather than every service at every tick.
   */
  private final Set<String> launching = new TreeSet<>();
  /** Unknown task ids already killed once, oldest first, bounded. */
  private final Map<String, Boolean> killedUnknown =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > 10_000;
        }
      };
  /** False once another scheduler took over the framework, or the store refused our writes. */
  private boolean active = true;
  private String inactiveReason;
  private OfferInterest interest = OfferInterest.initial();
  private long round;
  private final Supplier<Instant> clock;
  /** When the first offers of this term arrived, or null: services added later start from there. */
  private Instant firstOffers;

  /** @param clock the scheduler's time, to stamp events */
  SchedulerState(Supplier<Instant> clock) {
    this.clock = clock;
  }

  // --- services ---

  /** The live service of that name, or null. */
  ServiceEntry service(String name) {
    return byName.get(name);
  }

  /** A copy of the live services in name order, safe to iterate while services are removed. */
  List<ServiceEntry> entries() {
    return new ArrayList<>(services.values());
  }

  Set<String> names() {
    return services.keySet();
  }

  /** Takes on a service whose record is stored (recovered, or just created). */
  ServiceEntry adopt(ServiceRecord record) {
    ServiceEntry e = new ServiceEntry(record, this::changed, launching::add, clock);
    if (firstOffers != null) {
      e.waited(WaitMemory.NONE.after(RoundWaits.NONE, firstOffers), firstOffers);
    }
    services.put(e.name(), e);
    byName.put(e.name(), e);
    changed(e.name());
    return e;
  }

  /** The service's teardown finished and its entry is gone: forget it. */
  void remove(String name) {
    services.remove(name);
    byName.remove(name);
    wantingOffers.remove(name);
    changed.remove(name);
    awake.remove(name);
    launching.remove(name);
  }

  // --- the tick ---

  /** Sets when the tick must advance the service next; null: only an event moves it. */
  void wakeAt(ServiceEntry e, Instant at) {
    e.wakeAt(at);
    if (at != null) {
      awake.add(e.name());
    }
  }

  /**
   * The live services whose wake-up time is set, due now or later, in name order (the tick's pass);
   * forgets the others. A change to a service sets its wake-up time to now ({@link ServiceEntry}),
   * and every change is noted through {@link #changed}, so none is missed.
   */
  List<ServiceEntry> awake() {
    List<ServiceEntry> out = new ArrayList<>(awake.size());
    Iterator<String> it = awake.iterator();
    while (it.hasNext()) {
      ServiceEntry e = byName.get(it.next());
      if (e == null || e.sleeps()) {
        it.remove();
      } else {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing(ServiceEntry::name));
    return out;
  }

  /** The live services with a launch still awaiting its first status, in name order; forgets the others. */
  List<ServiceEntry> launching() {
    List<ServiceEntry> out = new ArrayList<>(launching.size());
    Iterator<String> it = launching.iterator();
    while (it.hasNext()) {
      ServiceEntry e = byName.get(it.next());
      if (e == null || !e.awaitsLaunchStatus()) {
        it.remove();
      } else {
        out.add(e);
      }
    }
    return out;
  }

  // --- unreadable entries ---

  /** A stored entry could not be read; it is shown, and left alone until uninstalled. */
  void markBroken(String name, String why) {
    broken.put(name, why);
    changed(name);
  }

  /** The unreadable entry was removed from the store. */
  void dropBroken(String name) {
    broken.remove(name);
    changed.remove(name);
  }

  Optional<String> brokenReason(String name) {
    return Optional.ofNullable(broken.get(name));
  }

  boolean isBroken(String name) {
    return broken.containsKey(name);
  }

  Set<String> brokenNames() {
    return broken.keySet();
  }

  // --- whether this scheduler acts at all ---

  boolean active() {
    return active;
  }

  String inactiveReason() {
    return inactiveReason;
  }

  /** Another scheduler owns the framework now, or ZooKeeper refused our write: stop acting for good. */
  void deactivate(String reason) {
    active = false;
    inactiveReason = reason;
  }

  // --- offers ---

  /** The service's latest decision wants offers or not; a service that gains work revives offers at once. */
  void wantsOffers(String name, boolean wants) {
    if (!wants) {
      wantingOffers.remove(name);
    } else if (wantingOffers.add(name)) {
      interest = interest.gainedWork(); // rather than wait for decline filters to expire
    }
  }

  /** Whether a service for which {@code acting} holds wants offers. */
  boolean anyWantsOffers(Predicate<ServiceEntry> acting) {
    for (String name : wantingOffers) {
      ServiceEntry e = byName.get(name);
      if (e != null && acting.test(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The services for which {@code acting} holds that want offers or are named in {@code
   * alsoNamed}, in name order.
   */
  List<ServiceEntry> interested(Set<String> alsoNamed, Predicate<ServiceEntry> acting) {
    Set<String> names = new TreeSet<>(wantingOffers);
    names.addAll(alsoNamed);
    List<ServiceEntry> out = new ArrayList<>();
    for (String name : names) {
      ServiceEntry e = byName.get(name);
      if (e != null && acting.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** A new subscription: Mesos forgot every decline filter and suppression. */
  void offersForgotten() {
    interest = OfferInterest.initial();
  }

  /** Unused offers were declined, with the long filter when nobody wanted them. */
  void declined(boolean longFilter) {
    interest = interest.declined(longFilter);
  }

  /** An offer round is being handled: the last REVIVE's offers are no longer outstanding. */
  void offersHandled() {
    interest = interest.offersHandled();
  }

  /** What the offer interest says to send now (REVIVE, SUPPRESS or nothing); moves nothing on. */
  OfferInterest.Step interestStep(boolean wanted, Instant now, RevivePacing pacing, Duration sweep) {
    return interest.next(wanted, now, pacing, sweep);
  }

  /** Moves the offer interest on to a step of {@link #interestStep} whose call is being sent. */
  void adoptInterest(OfferInterest.Step step) {
    interest = step.state();
  }

  /** The number of this offer round at {@code now}; the first service to see offers rotates with it. */
  long nextRound(Instant now) {
    if (firstOffers == null) {
      firstOffers = now;
    }
    return round++;
  }

  /** True the first time an unknown task is to be killed, so that each is killed once. */
  boolean firstKillOfUnknown(String taskId) {
    return killedUnknown.put(taskId, Boolean.TRUE) == null;
  }

  // --- what the publisher recomputes ---

  /** The service's state as published may have changed; the tick looks at it again. */
  void changed(String name) {
    changed.add(name);
    awake.add(name);
  }

  /** The services changed since the last call, in order of change; forgets them. */
  List<String> takeChanged() {
    if (changed.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(changed);
    changed.clear();
    return out;
  }
}

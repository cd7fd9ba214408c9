package io.drover.controller.scheduler;

import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.ServiceStore;
import io.drover.reconcile.state.ServiceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a service's new record before anything is told to Mesos, and only then adopts it. The
 * records of many services (an offer round, a burst of status updates, a tick, a batch of puts and
 * uninstalls) are written together, in as few ZooKeeper requests as fit; a service whose write
 * failed keeps its old record and the others go on. A refused (fenced) write means another
 * controller leads: the scheduler stops acting at once.
 */
final class Persistence {
  private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);

  private final ServiceStore store;
  private final SchedulerState state;

  Persistence(ServiceStore store, SchedulerState state) {
    this.store = store;
    this.state = state;
  }

  /** Persists and adopts {@code next}; false (record unchanged) when the write failed. */
  boolean adopt(ServiceEntry e, ServiceRecord next) {
    if (e.record().equals(next)) {
      return true;
    }
    try {
      store.save(e.record(), next);
    } catch (Exception ex) {
      failed(e.name(), ex);
      return false;
    }
    e.adopt(next);
    return true;
  }

  /** A service and the record it should have next. */
  record Next(ServiceEntry entry, ServiceRecord record) {}

  /**
   * Persists every changed record together and adopts those stored; returns the names of the
   * services whose write failed (their records unchanged), every one of them when the write was
   * fenced.
   */
  Set<String> adoptAll(List<Next> next) {
    List<ServiceStore.Change> changes = new ArrayList<>(next.size());
    for (Next n : next) {
      if (!n.entry().record().equals(n.record())) {
        changes.add(new ServiceStore.Change(n.entry().record(), n.record()));
      }
    }
    Set<String> unsaved = new TreeSet<>();
    if (changes.isEmpty()) {
      return unsaved;
    }
    Map<String, Exception> failures;
    try {
      failures = store.saveAll(changes);
    } catch (FencedWriteException ex) {
      failed(changes.get(0).name() + " and " + (changes.size() - 1) + " other service(s)", ex);
      changes.forEach(c -> unsaved.add(c.name()));
      return unsaved;
    }
    failures.forEach(this::failed);
    unsaved.addAll(failures.keySet());
    for (Next n : next) {
      if (!unsaved.contains(n.entry().name()) && !n.entry().record().equals(n.record())) {
        n.entry().adopt(n.record());
      }
    }
    return unsaved;
  }

  /**
   * Persists the records of commands together (a change whose {@code before} is null creates its
   * service) and takes on those stored: a new service is adopted into the state, an existing one
   * adopts its record. Returns why each unsaved service's write failed, its record unchanged;
   * every service, with the refusal, when the write was fenced.
   */
  Map<String, Exception> commitAll(List<ServiceStore.Change> changes) {
    List<ServiceStore.Change> writes = new ArrayList<>(changes.size());
    for (ServiceStore.Change c : changes) {
      if (!c.after().equals(c.before())) {
        writes.add(c);
      }
    }
    Map<String, Exception> failures = Map.of();
    if (!writes.isEmpty()) {
      try {
        failures = store.saveAll(writes);
      } catch (FencedWriteException ex) {
        failed(writes.get(0).name() + " and " + (writes.size() - 1) + " other service(s)", ex);
        Map<String, Exception> all = new HashMap<>();
        changes.forEach(c -> all.put(c.name(), ex));
        return all;
      }
      failures.forEach(this::failed);
    }
    for (ServiceStore.Change c : writes) {
      if (!failures.containsKey(c.name())) {
        if (c.before() == null) {
          state.adopt(c.after());
        } else {
          state.service(c.name()).adopt(c.after());
        }
      }
    }
    return failures;
  }

  boolean remove(String name) {
    try {
      store.remove(name);
      return true;
    } catch (Exception ex) {
      failed(name, ex);
      return false;
    }
  }

  private void failed(String name, Exception ex) {
    if (ex instanceof FencedWriteException fenced) {
      if (fenced.shuttingDown()) {
        LOG.info("the scheduler's write for {} was not made: this replica is shutting down; the next leader"
            + " takes over from what is stored", name);
      } else {
        LOG.error("ZooKeeper refused the scheduler's write for {}: this controller is no longer the leader;"
            + " the scheduler stops acting", name);
      }
      state.deactivate("no longer the leader: " + ex.getMessage());
    } else {
      LOG.warn("could not persist the scheduler state of {} (will retry on the next event): {}", name, ex.toString());
    }
  }
}

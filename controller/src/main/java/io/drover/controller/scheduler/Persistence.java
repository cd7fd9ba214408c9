package io.drover.controller.scheduler;

import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.ServiceStore;
import io.drover.reconcile.state.ServiceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a service's new record before anything is told to Mesos, and only then adopts it. A
 * refused (fenced) write means another controller leads: the scheduler stops acting at once.
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

  /** Persists a brand-new service and takes it on. */
  ServiceEntry create(ServiceRecord record) throws Exception {
    try {
      store.save(null, record);
    } catch (FencedWriteException ex) {
      failed(record.name(), ex);
      throw ex;
    }
    return state.adopt(record);
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
    if (ex instanceof FencedWriteException) {
      LOG.error("ZooKeeper refused the scheduler's write for {}: this controller is no longer the leader; the scheduler stops acting", name);
      state.deactivate("no longer the leader: " + ex.getMessage());
    } else {
      LOG.warn("could not persist the scheduler state of {} (will retry on the next event): {}", name, ex.toString());
    }
  }
}

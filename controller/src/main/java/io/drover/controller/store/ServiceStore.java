package io.drover.controller.store;

import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the scheduler remembers about its services across restarts, in ZooKeeper under {@code
 * <root>/scheduler/services/<name>/}: {@code spec} (accepted document, config id, generation),
 * {@code state} (config last deployed, paused plans), {@code uninstalling} (the teardown marker,
 * with its start time) and {@code tasks/<pod>-<index>-<task>} (TaskInfo as launched, latest status,
 * reservation bookkeeping). Reservations are found from the tasks' resources.
 *
 * <p>Every write goes through {@link ControllerWrites}, so only the leader writes. Not
 * thread-safe: the scheduler's event loop is its only user.
 */
public interface ServiceStore {

  static ServiceStore create(ControllerWrites writes, String root) {
    return create(writes, root, name -> Optional.empty());
  }

  /**
   * A store whose recovery takes a stored spec as {@code known} gives it, without decoding and
   * validating it again, when that target is exactly what the node holds (the same bytes).
   *
   * @param known a target the service's spec may be stored as, e.g. from its valid desired document
   */
  static ServiceStore create(ControllerWrites writes, String root, Function<String, Optional<Target>> known) {
    return new ZkServiceStore(writes, root, known);
  }

  /** Every stored service, and the entries that could not be read, by name, with the reason. */
  record Recovered(List<ServiceRecord> services, Map<String, String> broken) {
    public Recovered {
      services = List.copyOf(services);
      broken = Map.copyOf(broken);
    }
  }

  /** One service's change: {@code before} as last stored (null for a new service) and {@code after}, to store. */
  record Change(ServiceRecord before, ServiceRecord after) {
    public Change {
      Objects.requireNonNull(after, "after");
    }

    public String name() {
      return after.name();
    }
  }

  /** Reads every stored service; an entry that cannot be read is reported and skipped. */
  Recovered recover() throws Exception;

  /**
   * Persists {@code after}, writing only what differs from {@code before} (null for a new service,
   * whose entry is created). The entry's creation is atomic; large task changes may be split into
   * several commits, each of which is atomic.
   */
  void save(ServiceRecord before, ServiceRecord after) throws Exception;

  /**
   * Persists several services' changes, each as {@link #save} would, in as few ZooKeeper requests
   * as fit: the changes of many services share one multi-op (one round trip, one disk sync), and
   * one service's failing change never keeps the others from being saved.
   *
   * @return the services whose change could not be saved, by name, with why; every other change is
   *     stored when this returns
   * @throws FencedWriteException when this process is no longer the leader (some changes may have
   *     been saved before the refusal); nothing more may be written
   */
  Map<String, Exception> saveAll(List<Change> changes) throws FencedWriteException;

  /**
   * Saves each change alone with {@link #save}, in order: what {@link #saveAll} does when changes
   * cannot share a request.
   *
   * @return the services whose change could not be saved, by name, with why
   * @throws FencedWriteException when this process is no longer the leader; the rest is not tried
   */
  default Map<String, Exception> saveEach(List<Change> changes) throws FencedWriteException {
    Map<String, Exception> failed = new LinkedHashMap<>();
    for (Change c : changes) {
      try {
        save(c.before(), c.after());
      } catch (FencedWriteException e) {
        throw e;
      } catch (Exception e) {
        failed.put(c.name(), e);
      }
    }
    return failed;
  }

  /** Removes the service's entry and everything under it; nothing if there is none. */
  void remove(String name) throws Exception;

  /** The ZooKeeper path of a service's entry, for messages. */
  String path(String name);
}

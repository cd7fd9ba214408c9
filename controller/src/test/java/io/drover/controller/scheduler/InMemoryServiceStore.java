package io.drover.controller.scheduler;

import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.ServiceStore;
import io.drover.reconcile.state.ServiceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link ServiceStore} in memory, for tests of the scheduler without ZooKeeper: records by
 * name, unreadable entries, writes that fail on demand, and every successful write noted in the
 * shared journal ({@code save <name>}, {@code remove <name>}) so that a test can check what was
 * stored before what was sent to Mesos. A {@code before} that differs from what is stored fails
 * the write loudly: the scheduler must always write on top of what it last stored.
 */
final class InMemoryServiceStore implements ServiceStore {
  private final List<String> journal;
  private final Map<String, ServiceRecord> records = new TreeMap<>();
  private final Map<String, String> broken = new LinkedHashMap<>();
  private Exception failure;

  private final Map<String, Exception> failing = new HashMap<>();
  /** The services of each {@link #saveAll} call, in order. */
  final List<List<String>> saveAllCalls = new ArrayList<>();

  InMemoryServiceStore(List<String> journal) {
    this.journal = journal;
  }

  /** An entry that cannot be read, as a later {@link #recover()} reports it. */
  void breakEntry(String name, String why) {
    broken.put(name, why);
  }

  /** Every write from now on throws {@code e}; null lets writes through again. */
  void failWrites(Exception e) {
    failure = e;
  }

  /** Writes of one service from now on throw {@code e}; null lets them through again. */
  void failWritesOf(String name, Exception e) {
    if (e == null) {
      failing.remove(name);
    } else {
      failing.put(name, e);
    }
  }

  Optional<ServiceRecord> get(String name) {
    return Optional.ofNullable(records.get(name));
  }

  boolean contains(String name) {
    return records.containsKey(name) || broken.containsKey(name);
  }

  @Override
  public Recovered recover() {
    return new Recovered(new ArrayList<>(records.values()), broken);
  }

  @Override
  public void save(ServiceRecord before, ServiceRecord after) throws Exception {
    if (failure != null) {
      throw failure;
    }
    if (failing.containsKey(after.name())) {
      throw failing.get(after.name());
    }
    ServiceRecord stored = records.get(after.name());
    if (before == null ? stored != null : !before.equals(stored)) {
      throw new IllegalStateException("save of " + after.name() + " on top of a record that is not the stored one");
    }
    records.put(after.name(), after);
    journal.add("save " + after.name());
  }

  /**
   * Saves each change as {@link #save} does and notes the names of the call's changes in {@link
   * #saveAllCalls}; a fenced failure (from {@link #failWrites}) stops the call, any other fails the
   * service it hits.
   */
  @Override
  public Map<String, Exception> saveAll(List<Change> changes) throws FencedWriteException {
    saveAllCalls.add(changes.stream().map(Change::name).toList());
    return saveEach(changes);
  }

  @Override
  public void remove(String name) throws Exception {
    if (failure != null) {
      throw failure;
    }
    if (failing.containsKey(name)) {
      throw failing.get(name);
    }
    records.remove(name);
    broken.remove(name);
    journal.add("remove " + name);
  }

  @Override
  public String path(String name) {
    return "/memory/" + name;
  }
}

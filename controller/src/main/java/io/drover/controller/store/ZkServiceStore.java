package io.drover.controller.store;

import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServiceStore} on ZooKeeper; see there for the layout. */
final class ZkServiceStore implements ServiceStore {
  private static final Logger LOG = LoggerFactory.getLogger(ZkServiceStore.class);
  /** Entries read or decoded concurrently during recovery, read in groups that share their requests. */
  private static final int SERVICES_IN_FLIGHT = 250;
  /** Threads decoding recovered entries: validating each stored spec is most of a recovery's CPU. */
  private static final int DECODERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private final ControllerWrites writes;
  private final CuratorFramework zk;
  private final String root;
  /** A target a stored spec may be, taken as is when it is the node's very bytes. */
  private final Function<String, Optional<Target>> known;
  /** Services whose last save failed part-way: what is stored is not known exactly. Event loop only. */
  private final Set<String> uncertain = new HashSet<>();
  /**
   * Whether the entries' parent nodes were made or seen: then a new entry costs no look at them (3
   * round trips each, a third of a 10,000-service deploy's writes). Event loop only.
   */
  private boolean parentsExist;

  ZkServiceStore(ControllerWrites writes, String root, Function<String, Optional<Target>> known) {
    this.writes = Objects.requireNonNull(writes, "writes");
    this.zk = writes.client();
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.known = Objects.requireNonNull(known, "known");
  }

  private String services() {
    return root + "/scheduler/services";
  }

  @Override
  public String path(String name) {
    return services() + "/" + name;
  }

  @Override
  public Recovered recover() throws Exception {
    List<ServiceRecord> ok = new ArrayList<>();
    Map<String, String> broken = new LinkedHashMap<>();
    if (zk.checkExists().forPath(services()) == null) {
      return new Recovered(ok, broken);
    }
    List<String> names = zk.getChildren().forPath(services());
    PipelinedServiceReads reads = new PipelinedServiceReads(zk);
    int group = Math.min(SERVICES_IN_FLIGHT, reads.group());
    List<RecoveryPipeline.Outcome<ServiceRecord>> outcomes = new RecoveryPipeline<>(SERVICES_IN_FLIGHT, group, DECODERS,
        some -> reads.read(some.stream().map(this::path).toList()), PipelinedServiceReads.Raw::done, this::decode)
        .run(names);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      try {
        ok.add(outcomes.get(i).get());
      } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
        throw e;
      } catch (Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.error("cannot recover service {} from {}: {}; it is left alone", name, path(name), why);
        broken.put(name, why);
      }
    }
    return new Recovered(ok, broken);
  }

  private ServiceRecord decode(String name, PipelinedServiceReads.Raw raw) throws Exception {
    String base = raw.base();
    byte[] spec = PipelinedServiceReads.result(raw.spec());
    // Validating every stored spec again was a third of a restart's CPU, serializing the known one to
    // compare a tenth (docs/performance.md, recovery-scale): the known document's canonical form is the one loading made.
    Optional<Target> same = known.apply(name).filter(k -> Arrays.equals(ServiceRecordCodec.spec(k), spec));
    Target target = same.isPresent() ? same.get() : ServiceRecordCodec.spec(base + "/spec", spec);
    ServiceRecord r = ServiceRecordCodec.state(ServiceRecord.initial(target), PipelinedServiceReads.result(raw.state()));
    Optional<byte[]> uninstalling = PipelinedServiceReads.result(raw.uninstalling());
    if (uninstalling.isPresent()) {
      r = r.uninstallingFrom(ServiceRecordCodec.uninstalling(base + "/uninstalling", uninstalling.get()));
    }
    for (PipelinedServiceReads.Task task : PipelinedServiceReads.result(raw.tasks())) {
      r = r.withTask(ServiceRecordCodec.task(task.path(), task.data()));
    }
    if (!target.name().equals(name)) {
      throw new IllegalStateException(base + "/spec names service " + target.name() + ", not " + name);
    }
    return r;
  }

  /**
   * Writes what differs from {@code before} in batches that each fit a ZooKeeper request, the
   * entry's creation and its spec and state first. After a save that failed part-way (a batch
   * committed, a later one not, or a commit whose outcome is unknown), what is stored is no longer
   * {@code before}: the next save of that service reads what exists and writes the whole record
   * over it (create or set each node, delete the extra tasks), so a retry never trips over what the
   * failed attempt already made.
   */
  @Override
  public void save(ServiceRecord before, ServiceRecord after) throws Exception {
    String name = after.name();
    boolean rewrite = uncertain.contains(name);
    if (!rewrite && before != null && before.equals(after)) {
      return;
    }
    if (before == null && !parentsExist) {
      ensureParents();
    }
    List<List<CuratorOp>> batches = rewrite ? rewrite(after) : diff(before, after).batches();
    try {
      for (int i = 0; i < batches.size(); i++) {
        try {
          writes.commit(batches.get(i));
        } catch (KeeperException.NoNodeException gone) {
          if (before != null || i > 0) {
            throw gone;
          }
          // The parents were removed since (the framework's state cleaned up); the multi applied nothing.
          LOG.info("the parents of {} are gone; making them again", path(name));
          ensureParents();
          writes.commit(batches.get(i));
        }
      }
    } catch (FencedWriteException e) {
      throw e;
    } catch (Exception e) {
      if (uncertain.add(name)) {
        LOG.warn("saving service {} failed part-way ({}); its next save rewrites the whole entry", name, e.toString());
      }
      throw e;
    }
    uncertain.remove(name);
  }

  /**
   * Packs the changes into shared multi-ops ({@link SaveBatches}) and commits them. A multi-op that
   * ZooKeeper refused (it answered, so nothing of it was applied: a node one change expected was not
   * there, say) is retried change by change, so only the change at fault fails. One whose outcome is
   * unknown (the connection was lost) fails every change in it, each rewritten whole at its next
   * save. Changes {@link #save} would write specially (a service whose last save failed part-way, a
   * new one before the parents were seen, one too large for a request) are saved on their own.
   */
  @Override
  public Map<String, Exception> saveAll(List<Change> changes) throws FencedWriteException {
    Map<String, Exception> failed = new LinkedHashMap<>();
    SaveBatches packed = new SaveBatches();
    List<Change> alone = new ArrayList<>();
    for (Change c : changes) {
      if (uncertain.contains(c.name()) || (c.before() == null && !parentsExist)) {
        alone.add(c);
      } else if (c.before() == null || !c.before().equals(c.after())) {
        try {
          if (!packed.add(c, diff(c.before(), c.after()))) {
            alone.add(c);
          }
        } catch (Exception e) {
          failed.put(c.name(), e);
        }
      }
    }
    for (SaveBatches.Multi m : packed.multis()) {
      commitTogether(m, failed);
    }
    for (Change c : alone) {
      saveAlone(c, failed);
    }
    return failed;
  }

  private void commitTogether(SaveBatches.Multi m, Map<String, Exception> failed) throws FencedWriteException {
    if (m.ops().isEmpty()) {
      return;
    }
    try {
      writes.commit(m.ops());
    } catch (FencedWriteException e) {
      throw e;
    } catch (KeeperException e) {
      if (e.getResults() != null && !e.getResults().isEmpty()) {
        LOG.info("ZooKeeper refused a save of {} service(s) ({}); saving each on its own", m.changes().size(), e.toString());
        for (Change c : m.changes()) {
          saveAlone(c, failed);
        }
      } else {
        unknownOutcome(m, e, failed);
      }
    } catch (Exception e) {
      unknownOutcome(m, e, failed);
    }
  }

  private void unknownOutcome(SaveBatches.Multi m, Exception e, Map<String, Exception> failed) {
    LOG.warn("saving {} service(s) together failed with an unknown outcome ({}); the next save of each rewrites its whole entry",
        m.changes().size(), e.toString());
    for (Change c : m.changes()) {
      uncertain.add(c.name());
      failed.put(c.name(), e);
    }
  }

  private void saveAlone(Change c, Map<String, Exception> failed) throws FencedWriteException {
    failed.putAll(saveEach(List.of(c)));
  }

  private OpBatches diff(ServiceRecord before, ServiceRecord after) throws Exception {
    String base = path(after.name());
    OpBatches ops = new OpBatches();
    if (before == null) {
      ops.add(zk.transactionOp().create().forPath(base), base, null);
      create(ops, base + "/spec", ServiceRecordCodec.spec(after.target()));
      create(ops, base + "/state", ServiceRecordCodec.state(after));
      ops.add(zk.transactionOp().create().forPath(base + "/tasks"), base + "/tasks", null);
    } else {
      if (!before.target().equals(after.target())) {
        set(ops, base + "/spec", ServiceRecordCodec.spec(after.target()));
      }
      if (!Objects.equals(before.deployedSpecHash(), after.deployedSpecHash()) || before.updated() != after.updated()
          || !before.pausedPlans().equals(after.pausedPlans())) {
        set(ops, base + "/state", ServiceRecordCodec.state(after));
      }
    }
    if (after.uninstalling() && (before == null || !before.uninstalling())) {
      create(ops, base + "/uninstalling", ServiceRecordCodec.uninstalling(after.uninstallingSince()));
    }
    Map<String, TaskRecord> old = before == null ? Map.of() : before.tasks();
    for (Map.Entry<String, TaskRecord> e : after.tasks().entrySet()) {
      TaskRecord was = old.get(e.getKey());
      if (!e.getValue().equals(was)) {
        byte[] data = ServiceRecordCodec.task(e.getValue());
        String p = base + "/tasks/" + e.getKey();
        if (was == null) {
          create(ops, p, data);
        } else {
          set(ops, p, data);
        }
      }
    }
    for (String gone : old.keySet()) {
      if (!after.tasks().containsKey(gone)) {
        delete(ops, base + "/tasks/" + gone);
      }
    }
    return ops;
  }

  /** The whole record over whatever the entry holds now: each node created or set, extra tasks deleted. */
  private List<List<CuratorOp>> rewrite(ServiceRecord after) throws Exception {
    String base = path(after.name());
    OpBatches ops = new OpBatches();
    if (zk.checkExists().forPath(base) == null) {
      ops.add(zk.transactionOp().create().forPath(base), base, null);
    }
    put(ops, base + "/spec", ServiceRecordCodec.spec(after.target()));
    put(ops, base + "/state", ServiceRecordCodec.state(after));
    List<String> stored = List.of();
    if (zk.checkExists().forPath(base + "/tasks") == null) {
      ops.add(zk.transactionOp().create().forPath(base + "/tasks"), base + "/tasks", null);
    } else {
      stored = zk.getChildren().forPath(base + "/tasks");
    }
    if (after.uninstalling()) {
      put(ops, base + "/uninstalling", ServiceRecordCodec.uninstalling(after.uninstallingSince()));
    }
    for (Map.Entry<String, TaskRecord> e : after.tasks().entrySet()) {
      byte[] data = ServiceRecordCodec.task(e.getValue());
      String p = base + "/tasks/" + e.getKey();
      if (stored.contains(e.getKey())) {
        set(ops, p, data);
      } else {
        create(ops, p, data);
      }
    }
    for (String task : stored) {
      if (!after.tasks().containsKey(task)) {
        delete(ops, base + "/tasks/" + task);
      }
    }
    return ops.batches();
  }

  private void put(OpBatches ops, String path, byte[] data) throws Exception {
    if (zk.checkExists().forPath(path) == null) {
      create(ops, path, data);
    } else {
      set(ops, path, data);
    }
  }

  private void create(OpBatches ops, String path, byte[] data) throws Exception {
    ops.add(zk.transactionOp().create().forPath(path, data), path, data);
  }

  private void set(OpBatches ops, String path, byte[] data) throws Exception {
    ops.add(zk.transactionOp().setData().forPath(path, data), path, data);
  }

  private void delete(OpBatches ops, String path) throws Exception {
    ops.add(zk.transactionOp().delete().forPath(path), path, null);
  }

  /** Deletes the entry, children before parents, in batches; a removal stopped part-way is finished by the next. */
  @Override
  public void remove(String name) throws Exception {
    String base = path(name);
    if (zk.checkExists().forPath(base) == null) {
      uncertain.remove(name);
      return;
    }
    OpBatches ops = new OpBatches();
    deleteTree(base, ops);
    for (List<CuratorOp> batch : ops.batches()) {
      writes.commit(batch);
    }
    uncertain.remove(name);
  }

  private void deleteTree(String path, OpBatches ops) throws Exception {
    for (String child : zk.getChildren().forPath(path)) {
      deleteTree(path + "/" + child, ops);
    }
    delete(ops, path);
  }

  /** Creates {@code <root>/scheduler/services} and its ancestors; others may create them too. */
  private void ensureParents() throws Exception {
    parentsExist = false;
    String p = "";
    for (String part : services().substring(1).split("/")) {
      p = p + "/" + part;
      if (zk.checkExists().forPath(p) == null) {
        try {
          writes.commit(List.of(zk.transactionOp().create().forPath(p)));
        } catch (KeeperException.NodeExistsException raced) {
          // created meanwhile (the framework id store shares <root>/scheduler)
        }
      }
    }
    parentsExist = true;
  }
}

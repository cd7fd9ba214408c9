package io.drover.controller.store;

import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServiceStore} on ZooKeeper; see there for the layout. */
final class ZkServiceStore implements ServiceStore {
  private static final Logger LOG = LoggerFactory.getLogger(ZkServiceStore.class);
  /** Task changes are committed in batches of at most this many bytes (ZooKeeper caps a multi-op near 1 MiB). */
  private static final int BATCH_BYTES = 512 * 1024;
  /** Entries read concurrently during recovery; about five reads each, so some 500 requests in flight. */
  private static final int SERVICES_IN_FLIGHT = 100;

  private final ControllerWrites writes;
  private final CuratorFramework zk;
  private final String root;

  ZkServiceStore(ControllerWrites writes, String root) {
    this.writes = Objects.requireNonNull(writes, "writes");
    this.zk = writes.client();
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
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
    List<PipelinedServiceReads.Raw> raws = readAll(names);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      try {
        ok.add(decode(name, raws.get(i)));
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

  /**
   * Starts the reads of every entry with at most {@link #SERVICES_IN_FLIGHT} entries outstanding, and
   * waits for all of them: one round trip's latency per window instead of five per service.
   */
  private List<PipelinedServiceReads.Raw> readAll(List<String> names) throws Exception {
    PipelinedServiceReads reads = new PipelinedServiceReads(zk);
    Semaphore window = new Semaphore(SERVICES_IN_FLIGHT);
    List<PipelinedServiceReads.Raw> raws = new ArrayList<>(names.size());
    for (String name : names) {
      window.acquire();
      PipelinedServiceReads.Raw raw = reads.read(path(name));
      raw.done().whenComplete((v, e) -> window.release());
      raws.add(raw);
    }
    window.acquire(SERVICES_IN_FLIGHT);
    return raws;
  }

  private static ServiceRecord decode(String name, PipelinedServiceReads.Raw raw) throws Exception {
    String base = raw.base();
    Target target = ServiceRecordCodec.spec(base + "/spec", PipelinedServiceReads.result(raw.spec()));
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

  @Override
  public void save(ServiceRecord before, ServiceRecord after) throws Exception {
    if (before != null && before.equals(after)) {
      return;
    }
    String base = path(after.name());
    List<CuratorOp> head = new ArrayList<>();
    if (before == null) {
      ensureParents();
      head.add(zk.transactionOp().create().forPath(base));
      head.add(zk.transactionOp().create().forPath(base + "/spec", ServiceRecordCodec.spec(after.target())));
      head.add(zk.transactionOp().create().forPath(base + "/state", ServiceRecordCodec.state(after)));
      head.add(zk.transactionOp().create().forPath(base + "/tasks"));
    } else {
      if (!before.target().equals(after.target())) {
        head.add(zk.transactionOp().setData().forPath(base + "/spec", ServiceRecordCodec.spec(after.target())));
      }
      if (!Objects.equals(before.deployedSpecHash(), after.deployedSpecHash()) || before.updated() != after.updated()
          || !before.pausedPlans().equals(after.pausedPlans())) {
        head.add(zk.transactionOp().setData().forPath(base + "/state", ServiceRecordCodec.state(after)));
      }
    }
    if (after.uninstalling() && (before == null || !before.uninstalling())) {
      head.add(zk.transactionOp().create().forPath(base + "/uninstalling", ServiceRecordCodec.uninstalling(after.uninstallingSince())));
    }
    List<List<CuratorOp>> batches = new ArrayList<>();
    List<CuratorOp> current = head;
    int bytes = 0;
    Map<String, TaskRecord> old = before == null ? Map.of() : before.tasks();
    for (Map.Entry<String, TaskRecord> e : after.tasks().entrySet()) {
      TaskRecord was = old.get(e.getKey());
      if (e.getValue().equals(was)) {
        continue;
      }
      byte[] data = ServiceRecordCodec.task(e.getValue());
      if (bytes + data.length > BATCH_BYTES && !current.isEmpty()) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      String p = base + "/tasks/" + e.getKey();
      current.add(was == null ? zk.transactionOp().create().forPath(p, data) : zk.transactionOp().setData().forPath(p, data));
      bytes += data.length;
    }
    for (String gone : old.keySet()) {
      if (!after.tasks().containsKey(gone)) {
        current.add(zk.transactionOp().delete().forPath(base + "/tasks/" + gone));
      }
    }
    batches.add(current);
    for (List<CuratorOp> batch : batches) {
      writes.commit(batch);
    }
  }

  @Override
  public void remove(String name) throws Exception {
    String base = path(name);
    if (zk.checkExists().forPath(base) == null) {
      return;
    }
    List<CuratorOp> ops = new ArrayList<>();
    deleteTree(base, ops);
    writes.commit(ops);
  }

  /** Deletes children before parents. */
  private void deleteTree(String path, List<CuratorOp> ops) throws Exception {
    for (String child : zk.getChildren().forPath(path)) {
      deleteTree(path + "/" + child, ops);
    }
    ops.add(zk.transactionOp().delete().forPath(path));
  }

  /** Creates {@code <root>/scheduler/services} and its ancestors; others may create them too. */
  private void ensureParents() throws Exception {
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
  }
}

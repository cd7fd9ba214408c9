package io.drover.controller.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.Services;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Writes services' status nodes under {@code ROOT/status} through the leader's fenced {@link
 * ControllerWrites}: what the status writer decided to write, and nothing else; a status too large
 * for one node is shortened ({@link StatusBudget}). The statuses a batch sets are handed to this
 * replica's status cache as written ({@link OwnWrites}), so it does not read them back. Thread-safe.
 */
public final class StatusWrites {
  private final ControllerWrites writes;
  private final StorePaths paths;
  private final OwnWrites own;
  private final ObjectMapper json = Services.statusMapper();

  /** @param cache this replica's cache of the status nodes, told what is written */
  public StatusWrites(ControllerWrites writes, StorePaths paths, ChildrenCache<StatusDocument> cache) {
    this.writes = writes;
    this.paths = paths;
    this.own = cache.ownWrites();
  }

  /** Creates {@code ROOT/status} when missing (the root exists: the election node lives under it). */
  public void ensureParent() throws Exception {
    CuratorFramework client = writes.client();
    if (client.checkExists().forPath(paths.statuses()) == null) {
      writes.commit(List.of(client.transactionOp().create().forPath(paths.statuses())));
    }
  }

  /**
   * Writes many services' statuses (an empty one deletes the node), as encoded by the status writer,
   * in as few multi-ops as fit the request budget ({@link OpBatches}). Whether each node exists is
   * taken from {@code exists} (what this replica wrote or its cache holds), sparing a round trip per
   * status; a batch that guessed wrong (ZooKeeper refuses it whole: node exists, or no node) is
   * written again one status at a time with a fresh look at each node.
   *
   * @throws FencedWriteException when this replica no longer leads
   */
  public void writeAll(Map<String, EncodedStatus> statuses, Predicate<String> exists) throws Exception {
    CuratorFramework client = writes.client();
    OpBatches batches = new OpBatches();
    List<List<String>> names = new ArrayList<>();
    Map<String, byte[]> updates = new HashMap<>();
    List<String> current = new ArrayList<>();
    int cut = 0;
    for (Map.Entry<String, EncodedStatus> e : statuses.entrySet()) {
      String name = e.getKey();
      String path = paths.status(name);
      boolean present = exists.test(name);
      if (e.getValue().status().isEmpty() && !present) {
        continue;
      }
      byte[] bytes = bytes(e.getValue());
      CuratorOp op = bytes == null ? client.transactionOp().delete().forPath(path)
          : present ? client.transactionOp().setData().forPath(path, bytes)
          : client.transactionOp().create().forPath(path, bytes);
      if (bytes != null && present) {
        updates.put(name, bytes);
      }
      batches.add(op, path, bytes);
      int made = batches.batchesSoFar();
      if (made > cut) {
        names.add(current);
        current = new ArrayList<>();
        cut = made;
      }
      current.add(name);
    }
    names.add(current);
    List<List<CuratorOp>> ops = batches.batches();
    for (int i = 0; i < ops.size(); i++) {
      List<String> told = names.get(i).stream().filter(updates::containsKey).toList();
      Map<String, ChildData> nodes = Map.of();
      own.writing(told);
      try {
        nodes = written(writes.commit(ops.get(i)), updates);
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
        for (String name : names.get(i)) {
          write(name, statuses.get(name));
        }
      } finally {
        own.written(told, nodes);
      }
    }
  }

  /**
   * The nodes a multi-op set, as its answer gives them: the bytes sent and the stat ZooKeeper
   * answered. Only updates: a plain create's answer has no stat, so a created node is read back.
   */
  private static Map<String, ChildData> written(List<CuratorTransactionResult> results, Map<String, byte[]> updates) {
    Map<String, ChildData> nodes = new HashMap<>();
    for (CuratorTransactionResult r : results) {
      String name = ZKPaths.getNodeFromPath(r.getForPath());
      if (r.getType() == OperationType.SET_DATA && r.getResultStat() != null && updates.containsKey(name)) {
        nodes.put(name, new ChildData(r.getForPath(), r.getResultStat(), updates.get(name)));
      }
    }
    return nodes;
  }

  /**
   * Writes one service's status; an empty one deletes the node.
   *
   * @return whether a node changed
   * @throws FencedWriteException when this replica no longer leads
   */
  public boolean write(String name, EncodedStatus status) throws Exception {
    CuratorFramework client = writes.client();
    String path = paths.status(name);
    boolean exists = client.checkExists().forPath(path) != null;
    byte[] bytes = bytes(status);
    if (bytes == null) {
      if (exists) {
        writes.commit(List.of(client.transactionOp().delete().forPath(path)));
      }
      return exists;
    }
    CuratorOp op = exists
        ? client.transactionOp().setData().forPath(path, bytes)
        : client.transactionOp().create().forPath(path, bytes);
    writes.commit(List.of(op));
    return true;
  }

  /** The node's data for {@code status} (null: no node), within the budget. */
  private byte[] bytes(EncodedStatus status) throws Exception {
    return status.status().isEmpty() ? null : StatusBudget.fit(status.status().get(), status.json(), json);
  }
}

package io.drover.controller.store;

import io.drover.controller.store.AccessDenied.Access;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.ACL;

/**
 * Executes {@link DesiredStore#writeAll} for {@link ZkDesiredStore}: consecutive writes are
 * committed together in multi-ops within ZooKeeper's request limit (the budget of
 * {@link OpBatches}), so that writing 10,000 new documents is a handful of requests instead of
 * 10,000 round trips that each wait for the server's disk.
 *
 * <p>The outcome is the one of the single writes called in order. A multi-op is atomic: when one
 * of its writes fails (a conflict, a node with nodes under it to delete, an ACL's refusal), none of
 * it happened. The writes before the failing one are then committed again without it, and the
 * failing one is executed alone by the single write, which reports or handles it exactly as a
 * single call does; when it throws, the writes after it are not attempted. A document over the
 * size limit is likewise left to the single write, which refuses it.
 */
final class DesiredWriteBatches {

  private final CuratorFramework client;
  private final StorePaths paths;
  private final ZkDesiredStore single;
  private List<ACL> acl;
  private int aclBytes;

  DesiredWriteBatches(CuratorFramework client, StorePaths paths, ZkDesiredStore single) {
    this.client = client;
    this.paths = paths;
    this.single = single;
  }

  void writeAll(List<DesiredWrite> writes, IntConsumer written) throws StoreException {
    int next = 0;
    int alone = -1;
    while (next < writes.size()) {
      DesiredWrite first = writes.get(next);
      if (next == alone || first.content().length > DesiredStore.MAX_DOCUMENT_BYTES) {
        executeAlone(first);
        written.accept(next++);
        continue;
      }
      List<CuratorOp> ops = batchFrom(writes, next, alone);
      int failed = commit(ops);
      if (failed < 0) {
        for (int i = 0; i < ops.size(); i++) {
          written.accept(next++);
        }
      } else {
        alone = next + failed;
      }
    }
  }

  /**
   * The operations of the writes from {@code from} on that fit in one request, stopping before
   * {@code alone} and before a document over the size limit.
   */
  private List<CuratorOp> batchFrom(List<DesiredWrite> writes, int from, int alone)
      throws StoreException {
    List<CuratorOp> ops = new ArrayList<>();
    int bytes = 0;
    for (int i = from; i < writes.size() && i != alone; i++) {
      DesiredWrite w = writes.get(i);
      if (w.content().length > DesiredStore.MAX_DOCUMENT_BYTES) {
        break;
      }
      String path = paths.service(w.name());
      int cost = OpBatches.cost(path, w.content())
          + (w.kind() == DesiredWrite.Kind.CREATE ? aclBytes() : 0);
      if (!ops.isEmpty() && bytes + cost > OpBatches.BUDGET_BYTES) {
        break;
      }
      ops.add(op(w, path));
      bytes += cost;
    }
    return ops;
  }

  private CuratorOp op(DesiredWrite w, String path) throws StoreException {
    try {
      return switch (w.kind()) {
        case CREATE -> client.transactionOp().create().withACL(acl()).forPath(path, w.content());
        case UPDATE -> client.transactionOp().setData()
            .withVersion(ZkDesiredStore.version(w.expectedGeneration())).forPath(path, w.content());
        case DELETE -> client.transactionOp().delete()
            .withVersion(ZkDesiredStore.version(w.expectedGeneration())).forPath(path);
      };
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      throw ZkErrors.translate(paths.services(), e);
    }
  }

  /** Commits {@code ops}; returns -1 when done, else the position of the write that failed. */
  private int commit(List<CuratorOp> ops) throws StoreException {
    try {
      client.transaction().forOperations(ops);
      return -1;
    } catch (KeeperException e) {
      int failed = failedPosition(e);
      if (failed < 0) {
        throw ZkErrors.translate(client, paths, Access.WRITE, paths.services(), e);
      }
      return failed;
    } catch (Exception e) {
      throw ZkErrors.translate(client, paths, Access.WRITE, paths.services(), e);
    }
  }

  /**
   * Which operation of a failed multi-op failed: the one whose error is its own, not OK (done,
   * then rolled back) or RUNTIMEINCONSISTENCY (not tried); -1 when the request itself failed.
   */
  private static int failedPosition(KeeperException e) {
    List<OpResult> results = e.getResults();
    if (results == null) {
      return -1;
    }
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof OpResult.ErrorResult error
          && error.getErr() != KeeperException.Code.OK.intValue()
          && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
        return i;
      }
    }
    return -1;
  }

  private void executeAlone(DesiredWrite w) throws StoreException {
    switch (w.kind()) {
      case CREATE -> single.create(w.name(), w.content());
      case UPDATE -> single.update(w.name(), w.content(), w.expectedGeneration());
      case DELETE -> single.delete(w.name(), w.expectedGeneration());
    }
  }

  /** The ACL new documents get, read (and the parent created) once per run. */
  private List<ACL> acl() throws StoreException {
    if (acl == null) {
      try {
        acl = single.parentAcl();
      } catch (Exception e) {
        throw ZkErrors.translate(client, paths, Access.WRITE, paths.services(), e);
      }
      for (ACL entry : acl) {
        aclBytes += 16 + entry.getId().getScheme().getBytes(StandardCharsets.UTF_8).length
            + entry.getId().getId().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return acl;
  }

  private int aclBytes() throws StoreException {
    acl();
    return aclBytes;
  }
}

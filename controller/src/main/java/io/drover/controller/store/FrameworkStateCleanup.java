package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Removes what a torn-down framework leaves in ZooKeeper: the scheduler's state under {@code
 * ROOT/scheduler} (framework id, every service's record) and every status node. The desired
 * documents stay. Deletes go through the leader's fenced writes, children first, in batches, so a
 * run stopped half-way is resumed by the next one.
 */
public final class FrameworkStateCleanup {
  private static final int DELETES_PER_COMMIT = 100;

  private final ControllerWrites writes;
  private final StorePaths paths;

  public FrameworkStateCleanup(ControllerWrites writes, StorePaths paths) {
    this.writes = writes;
    this.paths = paths;
  }

  public void deleteAll() throws Exception {
    List<String> order = new ArrayList<>();
    collect(paths.scheduler(), order);
    CuratorFramework client = writes.client();
    if (client.checkExists().forPath(paths.statuses()) != null) {
      for (String child : client.getChildren().forPath(paths.statuses())) {
        collect(paths.status(child), order);
      }
    }
    commitDeletes(order);
  }

  /** Post-order: a node's descendants before the node. */
  private void collect(String path, List<String> out) throws Exception {
    CuratorFramework client = writes.client();
    if (client.checkExists().forPath(path) == null) {
      return;
    }
    for (String child : client.getChildren().forPath(path)) {
      collect(path + "/" + child, out);
    }
    out.add(path);
  }

  private void commitDeletes(List<String> order) throws Exception {
    CuratorFramework client = writes.client();
    for (int i = 0; i < order.size(); i += DELETES_PER_COMMIT) {
      List<CuratorOp> ops = new ArrayList<>();
      for (String p : order.subList(i, Math.min(order.size(), i + DELETES_PER_COMMIT))) {
        ops.add(client.transactionOp().delete().forPath(p));
      }
      writes.commit(ops);
    }
  }
}

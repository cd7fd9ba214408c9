package io.drover.controller.store;

import io.drover.controller.mesos.FrameworkIdStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The FrameworkID in ZooKeeper at {@code <root>/scheduler/framework-id}. Writes go through {@link
 * ControllerWrites}, so a deposed leader cannot overwrite it.
 */
public final class ZkFrameworkIdStore implements FrameworkIdStore {

  private final ControllerWrites writes;
  private final String path;

  public ZkFrameworkIdStore(ControllerWrites writes, String root) {
    this.writes = writes;
    this.path = ZKPaths.makePath(root, "scheduler", "framework-id");
  }

  @Override
  public String location() {
    return path;
  }

  @Override
  public Optional<FrameworkID> load() throws Exception {
    try {
      byte[] data = writes.client().getData().forPath(path);
      String value = new String(data, StandardCharsets.UTF_8).trim();
      return value.isEmpty() ? Optional.empty() : Optional.of(FrameworkID.newBuilder().setValue(value).build());
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void store(FrameworkID id) throws Exception {
    CuratorFramework client = writes.client();
    byte[] data = id.getValue().getBytes(StandardCharsets.UTF_8);
    Stat stat = client.checkExists().forPath(path);
    if (stat == null) {
      ensureParent(client);
      commit(List.of(client.transactionOp().create().forPath(path, data)));
    } else {
      commit(List.of(client.transactionOp().setData().withVersion(stat.getVersion()).forPath(path, data)));
    }
  }

  @Override
  public void retire() throws Exception {
    CuratorFramework client = writes.client();
    Stat stat = client.checkExists().forPath(path);
    if (stat != null) {
      commit(List.of(client.transactionOp().delete().withVersion(stat.getVersion()).forPath(path)));
    }
  }

  private void commit(List<CuratorOp> ops) throws Exception {
    try {
      writes.commit(ops);
    } catch (FencedWriteException e) {
      throw new Refused(e.getMessage(), e);
    }
  }

  /**
   * The parent is structure shared by every controller, not state: creating it is idempotent and
   * safe without fencing (a multi-op cannot create missing parents).
   */
  private void ensureParent(CuratorFramework client) throws Exception {
    String parent = ZKPaths.getPathAndNode(path).getPath();
    if (client.checkExists().forPath(parent) == null) {
      try {
        client.create().creatingParentsIfNeeded().forPath(parent, new byte[0]);
      } catch (KeeperException.NodeExistsException e) {
        // Another writer created it first: what we wanted.
      }
    }
  }
}

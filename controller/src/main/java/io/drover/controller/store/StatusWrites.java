package io.drover.controller.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.Services;
import io.drover.api.status.ServiceStatus;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Writes services' status nodes under {@code ROOT/status} through the leader's fenced {@link
 * ControllerWrites}: what the status writer decided to write, and nothing else; a status too large
 * for one node is shortened ({@link StatusBudget}). Thread-safe.
 */
public final class StatusWrites {
  private final ControllerWrites writes;
  private final StorePaths paths;
  private final ObjectMapper json = Services.statusMapper();

  public StatusWrites(ControllerWrites writes, StorePaths paths) {
    this.writes = writes;
    this.paths = paths;
  }

  /** Creates {@code ROOT/status} when missing (the root exists: the election node lives under it). */
  public void ensureParent() throws Exception {
    CuratorFramework client = writes.client();
    if (client.checkExists().forPath(paths.statuses()) == null) {
      writes.commit(List.of(client.transactionOp().create().forPath(paths.statuses())));
    }
  }

  /**
   * Writes one service's status; an empty one deletes the node.
   *
   * @return whether a node changed
   * @throws FencedWriteException when this replica no longer leads
   */
  public boolean write(String name, Optional<ServiceStatus> status) throws Exception {
    CuratorFramework client = writes.client();
    String path = paths.status(name);
    boolean exists = client.checkExists().forPath(path) != null;
    if (status.isEmpty()) {
      if (exists) {
        writes.commit(List.of(client.transactionOp().delete().forPath(path)));
      }
      return exists;
    }
    byte[] bytes = StatusBudget.encode(status.get(), json);
    CuratorOp op = exists
        ? client.transactionOp().setData().forPath(path, bytes)
        : client.transactionOp().create().forPath(path, bytes);
    writes.commit(List.of(op));
    return true;
  }
}

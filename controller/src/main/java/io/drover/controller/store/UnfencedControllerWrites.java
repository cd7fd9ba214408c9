package io.drover.controller.store;

import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;

/** Commits each batch as one multi-op with no fencing check; see {@link ControllerWrites#unfenced}. */
final class UnfencedControllerWrites implements ControllerWrites {

  private final CuratorFramework client;

  UnfencedControllerWrites(CuratorFramework client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public CuratorFramework client() {
    return client;
  }

  @Override
  public List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception {
    return ops.isEmpty() ? List.of() : client.transaction().forOperations(ops);
  }
}

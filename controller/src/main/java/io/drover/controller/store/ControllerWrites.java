package io.drover.controller.store;

import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;

/**
 * The only way the controller writes to ZooKeeper. Each {@link #commit} runs the operations as one
 * ZooKeeper multi-op; the leader's implementation adds a version check on its own leader node, so
 * a deposed leader (even one whose client reconnected with a new session) cannot write.
 */
public interface ControllerWrites {

  /** The client, for reads and for building the operations. */
  CuratorFramework client();

  /**
   * Commits the operations atomically.
   *
   * @return ZooKeeper's answer, one result per operation sent (the leader's check first, where there is one)
   *
   * @throws FencedWriteException when this process is no longer the leader; the write did not happen
   *     and must not be retried as if nothing happened
   * @throws Exception any ZooKeeper failure of the operations themselves
   */
  List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception;

  /**
   * Why this process may not act as the leader right now (not elected, deposed, or its ZooKeeper
   * connection suspended), or empty when it may. Its Mesos client asks before every SUBSCRIBE.
   */
  default Optional<String> notLeadingBecause() {
    return Optional.empty();
  }

  /**
   * Writes with no leader check, for a process that is the only writer by construction (a
   * single-replica controller, tools, tests). Never use it where replicas compete.
   */
  static ControllerWrites unfenced(CuratorFramework client) {
    return new UnfencedControllerWrites(client);
  }
}

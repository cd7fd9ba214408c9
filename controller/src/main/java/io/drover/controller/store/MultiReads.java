package io.drover.controller.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;

/**
 * Several reads sent as one ZooKeeper request (a read-only {@code multi}, ZooKeeper 3.6 and later):
 * one round trip, one request for the server to queue and one answer for the client to dispatch,
 * instead of one of each per node. Each read has its own outcome: a node that is absent fails only
 * its own read ({@link OpResult.ErrorResult}), not the others. Callers keep the answer under
 * ZooKeeper's packet limit (1 MiB by default): a larger one drops the connection.
 *
 * <p>Curator has no read multi, so this goes to Curator's current ZooKeeper handle, with the
 * client's namespace (chroot) prefixed here; Curator's retry policy does not apply, so a lost
 * connection fails the request at once. The future completes on ZooKeeper's event thread: combine
 * it there, do real work elsewhere.
 */
final class MultiReads {
  /** The most a node holds: its write had to fit ZooKeeper's request limit (1 MiB by default). */
  static final int NODE_BYTES = 1024 * 1024;
  /** What one read's result adds to an answer besides the data: its header, the data's length, the stat. */
  static final int RESULT_BYTES = 128;

  private MultiReads() {}

  /** A {@code getData} of {@code path} (without the namespace), for {@link #send}. */
  static Op data(CuratorFramework zk, String path) {
    return Op.getData(ZKPaths.fixForNamespace(zk.getNamespace(), path));
  }

  /** A {@code getChildren} of {@code path} (without the namespace), for {@link #send}. */
  static Op children(CuratorFramework zk, String path) {
    return Op.getChildren(ZKPaths.fixForNamespace(zk.getNamespace(), path));
  }

  /**
   * The largest answer the client's current connection accepts (its {@code jute.maxbuffer}): a
   * request whose answer may be larger must not be sent.
   */
  static int answerLimit(CuratorFramework zk) throws Exception {
    ZKClientConfig config = zk.getZookeeperClient().getZooKeeper().getClientConfig();
    return config.getInt(ZKClientConfig.JUTE_MAXBUFFER, ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT);
  }

  /**
   * How many {@code getData} reads one request may carry when the client accepts answers of
   * {@code answerLimit} bytes: as many as its answer holds were every node at its largest (one at
   * least, as a lone read always was).
   */
  static int nodesPerRequest(int answerLimit) {
    return Math.max(1, answerLimit / (NODE_BYTES + RESULT_BYTES));
  }

  /**
   * Sends {@code reads} as one request; the results come in the same order. Fails with the
   * {@link KeeperException} of the request as a whole (the connection lost, say, naming
   * {@code what}) or with whatever prevented sending it.
   */
  static CompletableFuture<List<OpResult>> send(CuratorFramework zk, List<Op> reads, String what) {
    CompletableFuture<List<OpResult>> f = new CompletableFuture<>();
    try {
      zk.getZookeeperClient().getZooKeeper().multi(reads, (rc, path, ctx, results) -> {
        // A read that failed sets rc too, yet every read has its result: only a request that failed whole has none.
        if (results != null && results.size() == reads.size()) {
          f.complete(results);
        } else {
          f.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), what));
        }
      }, null);
    } catch (Exception e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /** The data of one read's result; throws the read's own error (with {@code path}) when it failed. */
  static byte[] data(OpResult result, String path) throws KeeperException {
    if (result instanceof OpResult.GetDataResult d) {
      return d.getData() == null ? new byte[0] : d.getData();
    }
    throw error(result, path);
  }

  /** The stat of one {@code getData}'s result; throws the read's own error (with {@code path}) when it failed. */
  static Stat stat(OpResult result, String path) throws KeeperException {
    if (result instanceof OpResult.GetDataResult d) {
      return d.getStat();
    }
    throw error(result, path);
  }

  /** The child names of one {@code getChildren}'s result; throws the read's own error (with {@code path}) when it failed. */
  static List<String> children(OpResult result, String path) throws KeeperException {
    if (result instanceof OpResult.GetChildrenResult c) {
      return c.getChildren();
    }
    throw error(result, path);
  }

  /** Whether one read's result says its node does not exist. */
  static boolean absent(OpResult result) {
    return result instanceof OpResult.ErrorResult e && e.getErr() == KeeperException.Code.NONODE.intValue();
  }

  private static KeeperException error(OpResult result, String path) {
    if (result instanceof OpResult.ErrorResult e) {
      return KeeperException.create(KeeperException.Code.get(e.getErr()), path);
    }
    return new KeeperException.MarshallingErrorException();
  }
}

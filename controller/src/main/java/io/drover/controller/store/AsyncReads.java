package io.drover.controller.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * ZooKeeper reads issued in the background, so that many round trips can be waited for at once.
 *
 * <p>They go through Curator, so the client's namespace (chroot) and retry policy apply as for
 * synchronous calls. A future fails with the {@link KeeperException} of its read (named after the
 * path given here) or with whatever prevented issuing it. Futures complete on Curator's event
 * thread: callers should only combine them there and do real work on their own thread. Callers
 * bound how many reads they keep in flight.
 */
public final class AsyncReads {

  private AsyncReads() {}

  /** A node's data and stat. */
  public record Node(byte[] data, Stat stat) {}

  /** The node at {@code path}; fails with {@link KeeperException.NoNodeException} when absent. */
  public static CompletableFuture<Node> data(CuratorFramework zk, String path) {
    return dataIfExists(zk, path).thenApply(n -> n.orElseThrow(
        () -> new CompletionException(
            KeeperException.create(KeeperException.Code.NONODE, path))));
  }

  /** The node at {@code path}, or empty when there is none. */
  public static CompletableFuture<Optional<Node>> dataIfExists(CuratorFramework zk, String path) {
    CompletableFuture<Optional<Node>> f = new CompletableFuture<>();
    try {
      zk.getData().inBackground((client, event) -> {
        if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
          f.complete(Optional.empty());
        } else if (succeeded(event, path, f)) {
          byte[] data = event.getData();
          f.complete(Optional.of(new Node(data == null ? new byte[0] : data, event.getStat())));
        }
      }).forPath(path);
    } catch (Exception e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /** The names of the children of {@code path}; fails with {@link KeeperException.NoNodeException} when absent. */
  public static CompletableFuture<List<String>> children(CuratorFramework zk, String path) {
    CompletableFuture<List<String>> f = new CompletableFuture<>();
    try {
      zk.getChildren().inBackground((client, event) -> {
        if (succeeded(event, path, f)) {
          f.complete(event.getChildren());
        }
      }).forPath(path);
    } catch (Exception e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  private static boolean succeeded(CuratorEvent event, String path, CompletableFuture<?> f) {
    if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
      return true;
    }
    f.completeExceptionally(KeeperException.create(KeeperException.Code.get(event.getResultCode()), path));
    return false;
  }
}

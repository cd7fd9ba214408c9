package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests a {@link ChildrenCache} sends about the direct children of one parent: the
 * persistent recursive watch, the listing, and the reads, one child or many to a request. Each
 * answer goes to the callback given, on ZooKeeper's event thread; what the cache does with it is
 * the cache's. A request that cannot be sent (only a closed client refuses) is logged unless the
 * cache is closed, and its callback never runs.
 */
final class ChildRequests {
  private static final Logger LOG = LoggerFactory.getLogger(ChildRequests.class);

  private final CuratorFramework client;
  private final String parent;
  private final BooleanSupplier closed;

  ChildRequests(CuratorFramework client, String parent, BooleanSupplier closed) {
    this.client = client;
    this.parent = parent;
    this.closed = closed;
  }

  /**
   * Watches the parent's subtree with {@code watcher}; {@code onWatching} gets the result code. On
   * the handle itself, so that {@link #unwatch} can name the very watcher (Curator wraps it).
   */
  void watch(Watcher watcher, IntConsumer onWatching) {
    send(() -> client.getZookeeperClient().getZooKeeper().addWatch(watchedParent(), watcher,
        AddWatchMode.PERSISTENT_RECURSIVE, (rc, path, ctx) -> onWatching.accept(rc), null));
  }

  /**
   * Forgets the watch in the client. ZooKeeper 3.9's server keeps a persistent watch asked to remove
   * it (seen with wchp), so the subtree's events still come, and are dropped, until the client closes.
   */
  void unwatch(Watcher watcher) {
    send(() -> client.getZookeeperClient().getZooKeeper().removeWatches(watchedParent(), watcher,
        Watcher.WatcherType.Any, true, (rc, path, ctx) -> {}, null));
  }

  /** Lists the parent. */
  void list(Consumer<CuratorEvent> onListed) {
    send(() -> client.getChildren().inBackground((c, e) -> onListed.accept(e)).forPath(parent));
  }

  /** Reads one child; false when the request could not be sent (then {@code onRead} never runs). */
  boolean read(String name, Consumer<CuratorEvent> onRead) {
    return send(() -> client.getData().inBackground((c, e) -> onRead.accept(e)).forPath(path(name)));
  }

  /**
   * Reads {@code names} many to a request, as many as the client's answers may hold were every
   * node at its largest; each group and its results (null when the request failed as a whole) go to
   * {@code onGroup}. When that bound cannot be known, each child goes to {@code readOne} instead.
   */
  void readMany(List<String> names, BiConsumer<List<String>, List<OpResult>> onGroup, Consumer<String> readOne) {
    int perRequest;
    try {
      perRequest = MultiReads.nodesPerRequest(MultiReads.answerLimit(client));
    } catch (Exception e) {
      names.forEach(readOne);
      return;
    }
    for (int from = 0; from < names.size(); from += perRequest) {
      List<String> group = List.copyOf(names.subList(from, Math.min(names.size(), from + perRequest)));
      List<Op> ops = new ArrayList<>(group.size());
      group.forEach(name -> ops.add(MultiReads.data(client, path(name))));
      MultiReads.send(client, ops, parent).whenComplete((results, failure) -> onGroup.accept(group, results));
    }
  }

  /** The parent as the handle knows it, with the client's namespace: the watch's events name children so. */
  String watchedParent() {
    return ZKPaths.fixForNamespace(client.getNamespace(), parent);
  }

  /** A child's node as a single read answered it. */
  static ChildData node(CuratorEvent e) {
    return new ChildData(e.getPath(), e.getStat(), e.getData());
  }

  /** A child's node as a batched read answered it. */
  ChildData node(String name, OpResult.GetDataResult d) {
    return new ChildData(path(name), d.getStat(), d.getData() == null ? new byte[0] : d.getData());
  }

  private String path(String name) {
    return ZKPaths.makePath(parent, name);
  }

  /** Sends a background request; Curator reports its failures to the callback, so only a closed client throws here. */
  private boolean send(Request request) {
    try {
      request.send();
      return true;
    } catch (Exception e) {
      if (!closed.getAsBoolean()) {
        LOG.warn("cannot send a request for {}: {}", parent, e.toString());
      }
      return false;
    }
  }

  @FunctionalInterface
  private interface Request {
    void send() throws Exception;
  }
}

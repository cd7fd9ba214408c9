package io.drover.cli;

import io.drover.controller.ha.LeaderLookup;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.PendingConnection;
import io.drover.controller.store.ServiceNames;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.StoredNode;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;

/** One command's connection to the store: a connected client and the stores on it. */
final class StoreSession implements AutoCloseable {

  private final CuratorFramework client;
  private final StorePaths paths;
  private final DesiredStore desired;
  private final StatusStore status;

  private final PendingConnection connection;

  private StoreSession(PendingConnection connection, StorePaths paths) {
    this.client = connection.client();
    this.paths = paths;
    this.connection = connection;
    this.desired = DesiredStore.create(client, paths);
    this.status = StatusStore.create(client, paths);
  }

  /** Connects, failing within the settings' connection timeout when ZooKeeper is unreachable. */
  static StoreSession open(ZkSettings settings) throws StoreException {
    StoreSession session = connecting(settings);
    session.awaitConnected();
    return session;
  }

  /**
   * Starts connecting and returns at once, for a command with other work to do meanwhile. It reads
   * nothing before {@link #connectedWithin} has said yes or {@link #awaitConnected} has returned;
   * it is closed either way.
   */
  static StoreSession connecting(ZkSettings settings) {
    return new StoreSession(ZkClients.connectInBackground(settings), settings.paths());
  }

  /** Whether the session is connected, waiting at most {@code wait} for it. */
  boolean connectedWithin(Duration wait) {
    return connection.connectedWithin(wait);
  }

  /**
   * Returns once the session is connected; fails as {@link #open} does when it is not within the
   * connection timeout.
   */
  void awaitConnected() throws StoreException {
    connection.await();
  }

  DesiredStore desired() {
    return desired;
  }

  StatusStore status() {
    return status;
  }

  /** Every service that has a document or a status, sorted, from the node listings alone. */
  List<String> serviceNames() throws StoreException {
    return ServiceNames.all(client, paths);
  }

  /**
   * One value per service that has a document or a status, sorted by name: {@code ofNode} of each
   * document's node with its status (or null), on the common pool and this thread at once, as a
   * listing decodes; {@code ofStatus} of each status whose document is gone. The statuses are
   * read by {@code statusReader}: {@link StatusDocument#WHOLE}, or one that reads only what the
   * caller shows.
   */
  <T> List<T> everyService(StatusDocument.Reader statusReader,
      BiFunction<StoredNode, StatusDocument, T> ofNode, Function<StatusDocument, T> ofStatus)
      throws StoreException {
    List<StoredNode> nodes = desired.listNodes();
    Map<String, StatusDocument> statuses = new HashMap<>();
    for (StatusDocument s : status.list(statusReader)) {
      statuses.put(s.name(), s);
    }
    TreeMap<String, T> values = new TreeMap<>();
    List<T> ofNodes = nodes.parallelStream().map(n -> ofNode.apply(n, statuses.get(n.name()))).toList();
    for (int i = 0; i < nodes.size(); i++) {
      values.put(nodes.get(i).name(), ofNodes.get(i));
    }
    statuses.forEach((name, s) -> values.putIfAbsent(name, ofStatus.apply(s)));
    return List.copyOf(values.values());
  }

  /** The controller replica that leads, from its election node; empty while none is elected. */
  Optional<ReplicaInfo> leader() throws StoreException {
    return LeaderLookup.current(client, paths.leader());
  }

  /**
   * Closes the session and returns once the server has closed it, without waiting for the client's
   * own clean-up: after the server's answer, ZooKeeper's {@code close()} sleeps 100 ms in its socket
   * clean-up ({@code ClientCnxnSocketNIO}) before its I/O thread ends, a tenth of a second of every
   * command spent on nothing. That rest runs on a daemon thread, which an exiting command leaves.
   * A session not connected now (never connected, or its server gone) has nothing the server could
   * close: it returns at once, where the client would retry its connection for up to a second or
   * more before giving up.
   */
  @Override
  public void close() {
    ZooKeeper handle = currentHandle();
    boolean connected = client.getZookeeperClient().isConnected();
    Thread closing = new Thread(client::close, "drover-zk-close");
    closing.setDaemon(true);
    closing.start();
    if (!connected) {
      return;
    }
    try {
      // The handle's state turns CLOSED when the server has answered the close (or the connection
      // is gone); the thread ends later, after the clean-up.
      while (closing.isAlive() && (handle == null || handle.getState().isAlive())) {
        closing.join(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The connection's ZooKeeper handle; null when Curator cannot give it (then close waits for all). */
  private ZooKeeper currentHandle() {
    try {
      return client.getZookeeperClient().getZooKeeper();
    } catch (Exception e) {
      return null;
    }
  }
}

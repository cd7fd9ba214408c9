package io.drover.cli;

import io.drover.controller.ha.LeaderLookup;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/** One command's connection to the store: a connected client and the stores on it. */
final class StoreSession implements AutoCloseable {

  private final CuratorFramework client;
  private final StorePaths paths;
  private final DesiredStore desired;
  private final StatusStore status;

  private StoreSession(CuratorFramework client, StorePaths paths) {
    this.client = client;
    this.paths = paths;
    this.desired = DesiredStore.create(client, paths);
    this.status = StatusStore.create(client, paths);
  }

  /** Connects, failing within the settings' connection timeout when ZooKeeper is unreachable. */
  static StoreSession open(ZkSettings settings) throws StoreException {
    return new StoreSession(ZkClients.connect(settings), settings.paths());
  }

  DesiredStore desired() {
    return desired;
  }

  StatusStore status() {
    return status;
  }

  /** The controller replica that leads, from its election node; empty while none is elected. */
  Optional<ReplicaInfo> leader() throws StoreException {
    return LeaderLookup.current(client, paths.leader());
  }

  @Override
  public void close() {
    client.close();
  }
}

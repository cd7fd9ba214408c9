package io.drover.controller.app;

import io.drover.controller.security.ControllerAclProvider;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;

/**
 * The controller's ZooKeeper client: the store's client configuration (see {@link ZkClients}),
 * plus the connection-state policy leader election needs: only a lost session is an error, so a
 * suspended connection pauses the leader rather than deposing it. Nodes it creates get the ACL
 * {@code drover zk init} gave their part of the tree (see {@link ControllerAclProvider}).
 */
final class ZkConnection {

  private ZkConnection() {}

  /** An unstarted client. */
  static CuratorFramework newClient(ZkSettings settings) {
    ControllerAclProvider acls = ControllerAclProvider.create(settings);
    CuratorFramework client =
        ZkClients.builder(settings)
            .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
            .aclProvider(acls)
            .build();
    acls.follow(client);
    return client;
  }
}

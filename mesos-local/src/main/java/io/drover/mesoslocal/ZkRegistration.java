package io.drover.mesoslocal;

import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the master in ZooKeeper as real masters do: an ephemeral sequential
 * {@code <path>/json.info_<seq>} node holding the MasterInfo as JSON, so master detection can be
 * tested. A master failover replaces the node (the new leader gets a higher sequence); a lost
 * session re-creates it. Thread-safe.
 */
final class ZkRegistration implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ZkRegistration.class);

  private final CuratorFramework client;
  private final String path;
  private MasterInfo info;
  private String node;

  ZkRegistration(ZkUrl url) throws InterruptedException {
    this.path = url.path();
    this.client = CuratorFrameworkFactory.newClient(url.connectString(), 30_000, 10_000,
        new ExponentialBackoffRetry(200, 10));
    client.start();
    if (!client.blockUntilConnected(15, TimeUnit.SECONDS)) {
      client.close();
      throw new IllegalStateException("Cannot reach ZooKeeper at " + url.connectString()
          + " within 15 s; check that it runs and that --zk is right");
    }
    client.getConnectionStateListenable().addListener((c, state) -> {
      if (state == ConnectionState.RECONNECTED) {
        recreateIfLost();
      }
    });
  }

  /** Publishes {@code newInfo}, replacing this master's previous node. */
  synchronized void register(MasterInfo newInfo) throws Exception {
    if (node != null) {
      client.delete().quietly().forPath(node);
    }
    info = newInfo;
    node = client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath(path + "/json.info_", MediaType.JSON.encode(newInfo));
    log.info("Registered master {} in ZooKeeper at {}", newInfo.getId(), node);
  }

  synchronized String node() {
    return node;
  }

  private synchronized void recreateIfLost() {
    try {
      if (node != null && client.checkExists().forPath(node) == null) {
        node = null;
        register(info);
      }
    } catch (Exception e) {
      log.warn("Could not re-register the master in ZooKeeper", e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (node != null) {
        client.delete().quietly().forPath(node);
      }
    } catch (Exception e) {
      log.debug("Could not delete {}", node, e);
    }
    client.close();
  }
}

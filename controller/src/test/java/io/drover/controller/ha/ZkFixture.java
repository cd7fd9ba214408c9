package io.drover.controller.ha;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooKeeper;

/** A real ZooKeeper server and clients configured as the controller configures its own. */
public final class ZkFixture implements AutoCloseable {
  public final TestingServer server;
  private final List<CuratorFramework> clients = new ArrayList<>();

  public ZkFixture() throws Exception {
    server = new TestingServer(true);
  }

  public CuratorFramework client(Duration sessionTimeout) {
    CuratorFramework c =
        CuratorFrameworkFactory.builder()
            .connectString(server.getConnectString())
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs(2_000)
            .retryPolicy(new ExponentialBackoffRetry(50, 3))
            .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
            .build();
    c.start();
    clients.add(c);
    return c;
  }

  /**
   * Expires the client's session on the server, as a partition longer than the session timeout
   * would: a second connection attaches to the session and closes it, so the server deletes its
   * ephemeral nodes at once; the client learns of it when it next talks to the server.
   */
  public void expireOnServer(CuratorFramework client) throws Exception {
    ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
    expireOnServer(zk.getSessionId(), zk.getSessionPasswd());
  }

  /** {@link #expireOnServer(CuratorFramework)} for a session known by id and password. */
  public void expireOnServer(long sessionId, byte[] password) throws Exception {
    ZooKeeper twin = new ZooKeeper(server.getConnectString(), 10_000, e -> {}, sessionId, password);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> twin.getState().isConnected());
    } finally {
      twin.close();
    }
  }

  @Override
  public void close() throws java.io.IOException {
    clients.forEach(CuratorFramework::close);
    server.close();
  }
}

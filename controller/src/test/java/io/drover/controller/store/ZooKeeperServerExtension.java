package io.drover.controller.store;

import java.util.Map;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server on 127.0.0.1 and an ephemeral port for a test class, a connected client,
 * and a fresh root per test so tests never see each other's nodes.
 */
final class ZooKeeperServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private TestingServer server;
  private CuratorFramework client;
  private String root;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = startServer();
  }

  /** A started server on 127.0.0.1 and an ephemeral port; the caller closes it. */
  static TestingServer startServer() throws Exception {
    return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    root = "/t-" + UUID.randomUUID();
    client = CuratorFrameworkFactory.newClient(connectString(), 10_000, 10_000,
        new RetryOneTime(100));
    client.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
  }

  String connectString() {
    return "127.0.0.1:" + server.getPort();
  }

  /** A client of the test's own, for setting up and checking nodes. */
  CuratorFramework client() {
    return client;
  }

  /** This test's root, unique per test. */
  String root() {
    return root;
  }

  StorePaths paths() {
    return new StorePaths(root);
  }

  ZkSettings settings() {
    return ZkSettings.of(connectString()).withRoot(root);
  }
}

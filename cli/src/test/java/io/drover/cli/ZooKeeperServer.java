package io.drover.cli;

import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A real ZooKeeper server on 127.0.0.1 and an ephemeral port, for one test class. */
final class ZooKeeperServer implements BeforeAllCallback, AfterAllCallback {

  private TestingServer server;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    server.close();
  }

  String connectString() {
    return "127.0.0.1:" + server.getPort();
  }

  int port() {
    return server.getPort();
  }
}

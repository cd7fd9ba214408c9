package io.drover.local;

import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/** A real ZooKeeper server (curator-test's) for tests, on 127.0.0.1 and an ephemeral port. */
public final class TestZooKeeper {

  private TestZooKeeper() {}

  /** A started server; its connect string is {@code 127.0.0.1:<port>}. */
  public static TestingServer start() throws Exception {
    return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
  }
}

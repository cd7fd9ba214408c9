package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {

  private static CuratorFramework connect(String connectString) throws InterruptedException {
    CuratorFramework c = CuratorFrameworkFactory.newClient(connectString, 3_000, 3_000, new RetryOneTime(100));
    c.start();
    assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
    return c;
  }

  @Test
  void servesOnLoopbackAndKeepsItsDataAcrossRestarts(@TempDir Path dir) throws Exception {
    String connect;
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, 0);
        CuratorFramework c = connect(zk.connectString())) {
      connect = zk.connectString();
      assertThat(connect).startsWith("127.0.0.1:");
      c.create().creatingParentsIfNeeded().forPath("/drover/services/x", "doc".getBytes(StandardCharsets.UTF_8));
    }
    int port = Integer.parseInt(connect.substring(connect.indexOf(':') + 1));
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, port);
        CuratorFramework c = connect(zk.connectString())) {
      assertThat(new String(c.getData().forPath("/drover/services/x"), StandardCharsets.UTF_8)).isEqualTo("doc");
    }
  }

  @Test
  void aTakenPortIsReportedWithWhatToDo(@TempDir Path dir) throws Exception {
    try (EmbeddedZooKeeper first = EmbeddedZooKeeper.start(dir.resolve("a"), 0)) {
      int port = Integer.parseInt(first.connectString().split(":")[1]);
      assertThatThrownBy(() -> EmbeddedZooKeeper.start(dir.resolve("b"), port))
          .hasMessageContaining("--zk-port");
    }
  }
}

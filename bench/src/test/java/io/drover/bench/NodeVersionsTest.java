package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.local.EmbeddedZooKeeper;
import java.nio.file.Path;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeVersionsTest {

  @Test
  void countsEveryCreateUpdateAndDeleteUnderTheParentAndNothingElse(@TempDir Path dir)
      throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir, 0);
        CuratorFramework client = BenchClients.connect(zk.connectString())) {
      assertThat(NodeVersions.read(client, "/p").versions()).isEmpty();
      client.create().creatingParentsIfNeeded().forPath("/p/a", new byte[] {1});
      client.create().forPath("/p/b", new byte[] {1});
      client.create().forPath("/other", new byte[] {1});
      NodeVersions before = NodeVersions.read(client, "/p");
      assertThat(before.versions()).containsOnlyKeys("a", "b");

      assertThat(NodeVersions.read(client, "/p").writesSince(before)).isZero();
      client.setData().forPath("/p/a", new byte[] {2});
      client.setData().forPath("/p/a", new byte[] {3});
      client.delete().forPath("/p/b");
      client.create().forPath("/p/c", new byte[] {1});
      client.setData().forPath("/other", new byte[] {2});

      assertThat(NodeVersions.read(client, "/p").writesSince(before)).isEqualTo(4);
    }
  }
}

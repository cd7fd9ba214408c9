package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.junit.jupiter.api.Test;

/** Several reads as one request, against a real ZooKeeper, through a client with a namespace. */
class MultiReadsTest {

  @Test
  void eachReadHasItsOwnOutcomeAndPathsAreUnderTheNamespace() throws Exception {
    try (TestingServer server = ZooKeeperServerExtension.startServer(); CuratorFramework zk = client(server)) {
      zk.create().creatingParentsIfNeeded().forPath("/e/spec", bytes("spec"));
      zk.create().forPath("/e/state", bytes("state"));

      List<OpResult> results = MultiReads.send(zk, List.of(MultiReads.data(zk, "/e/spec"),
          MultiReads.data(zk, "/e/absent"), MultiReads.data(zk, "/e/state")), "/e").get(10, TimeUnit.SECONDS);

      assertThat(results).hasSize(3);
      assertThat(MultiReads.data(results.get(0), "/e/spec")).isEqualTo(bytes("spec"));
      assertThat(MultiReads.absent(results.get(1))).isTrue();
      assertThatThrownBy(() -> MultiReads.data(results.get(1), "/e/absent"))
          .isInstanceOf(KeeperException.NoNodeException.class).hasMessageContaining("/e/absent");
      assertThat(MultiReads.absent(results.get(0))).isFalse();
      assertThat(MultiReads.data(results.get(2), "/e/state")).isEqualTo(bytes("state"));
      assertThat(zk.usingNamespace(null).getData().forPath("/ns/e/spec")).isEqualTo(bytes("spec"));
    }
  }

  @Test
  void aRequestThatCannotBeAnsweredFailsAsAWholeNamingWhatItRead() throws Exception {
    try (TestingServer server = ZooKeeperServerExtension.startServer(); CuratorFramework zk = client(server)) {
      zk.create().creatingParentsIfNeeded().forPath("/e/spec", bytes("spec"));
      server.stop();

      CompletableFuture<List<OpResult>> read = MultiReads.send(zk, List.of(MultiReads.data(zk, "/e/spec")), "/e");

      assertThatThrownBy(() -> read.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(KeeperException.ConnectionLossException.class).hasMessageContaining("/e");
    }
  }

  private static CuratorFramework client(TestingServer server) {
    CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(server.getConnectString()).namespace("ns")
        .retryPolicy(new RetryOneTime(100)).build();
    zk.start();
    return zk;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

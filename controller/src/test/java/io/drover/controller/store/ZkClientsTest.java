package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ZkClientsTest {

  @RegisterExtension
  static final ZooKeeperServerExtension ZK = new ZooKeeperServerExtension();

  /** Settings for a loopback port where nothing listens, with a one-second connection timeout. */
  private static ZkSettings nothingListening() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return ZkSettings.of("127.0.0.1:" + socket.getLocalPort()).withConnectionTimeout(Duration.ofSeconds(1));
    }
  }

  @Test
  void failsWithinTheConnectionTimeoutWhenNothingListens() throws Exception {
    ZkSettings settings = nothingListening();

    long start = System.nanoTime();
    assertThatThrownBy(() -> ZkClients.connect(settings))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE))
        .hasMessage("cannot reach ZooKeeper at " + settings.connectString()
            + " within 1s: check --zk / DROVER_ZK");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aConnectionInTheBackgroundMayBeLookedAtThenAwaited() throws Exception {
    PendingConnection up = ZkClients.connectInBackground(ZK.settings());
    try (CuratorFramework client = up.client()) {
      assertThat(up.connectedWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(up.await()).isSameAs(client);
      assertThat(client.checkExists().forPath("/")).isNotNull();
    }

    ZkSettings settings = nothingListening();
    long start = System.nanoTime();
    PendingConnection down = ZkClients.connectInBackground(settings);
    try (CuratorFramework client = down.client()) {
      assertThat(down.connectedWithin(Duration.ofMillis(100))).isFalse();
      // The timeout counts from the start, not from the look.
      assertThatThrownBy(down::await).isInstanceOfSatisfying(StoreException.class,
          e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
      assertThat(down.connectedWithin(Duration.ofSeconds(1))).isFalse();
    }
  }

  @Test
  void aChrootIsCreatedOnFirstUseAndHoldsTheRoot() throws Exception {
    ZkSettings settings = ZkSettings.of(ZK.connectString() + "/tenants" + ZK.root())
        .withRoot("/drover");

    try (CuratorFramework client = ZkClients.connect(settings)) {
      DesiredStore.create(client, settings.paths()).create("hello",
          ZkDesiredStoreTest.bytes(ZkDesiredStoreTest.doc("hello", 1)));
    }

    byte[] stored = ZK.client().getData().forPath("/tenants" + ZK.root() + "/drover/services/hello");
    assertThat(new String(stored, StandardCharsets.UTF_8))
        .isEqualTo(ZkDesiredStoreTest.doc("hello", 1));
  }

  @Test
  void aClientAcceptsAnswersLargerThanZooKeepersDefaultUnlessConfiguredOtherwise() throws Exception {
    try (CuratorFramework client = ZkClients.connect(ZkSettings.of(ZK.connectString()))) {
      assertThat(MultiReads.answerLimit(client)).isEqualTo(ZkClients.ANSWER_LIMIT_BYTES);
    }
    String before = System.getProperty("jute.maxbuffer");
    System.setProperty("jute.maxbuffer", "2000000");
    try (CuratorFramework client = ZkClients.connect(ZkSettings.of(ZK.connectString()))) {
      assertThat(MultiReads.answerLimit(client)).isEqualTo(2_000_000);
    } finally {
      if (before == null) {
        System.clearProperty("jute.maxbuffer");
      } else {
        System.setProperty("jute.maxbuffer", before);
      }
    }
  }

  @Test
  void operationsFailBoundedOnceTheServerIsGone() throws Exception {
    // A server of this test's own, so stopping it does not disturb the shared one.
    try (TestingServer own = ZooKeeperServerExtension.startServer();
        CuratorFramework client = ZkClients.connect(ZkSettings.of("127.0.0.1:" + own.getPort())
            .withConnectionTimeout(Duration.ofSeconds(1)))) {
      DesiredStore store = DesiredStore.create(client, new StorePaths("/drover"));
      assertThat(store.listNodes().stream().map(StoredNode::decode).toList()).isEmpty();

      own.stop();

      long start = System.nanoTime();
      assertThatThrownBy(store::listNodes)
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.code()).isEqualTo(StoreException.Code.UNAVAILABLE))
          .hasMessageContaining("lost the connection to ZooKeeper");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }
  }
}

package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.client.ZKClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cache's load through a client that accepts large answers, as Drover's own do, with a chroot
 * namespace: many children to a request, and changes made while the load is under way still seen.
 */
class ChildrenCacheLoadTest {
  private static final String PARENT = "/drover/status";
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private TestingServer zk;
  private CuratorFramework client;

  @BeforeEach
  void start() throws Exception {
    zk = new TestingServer(true);
    client = clientAccepting(ZkClients.ANSWER_LIMIT_BYTES);
    for (int i = 0; i < 200; i++) {
      client.create().creatingParentsIfNeeded().forPath(PARENT + "/s" + i, bytes("v0"));
    }
  }

  @AfterEach
  void stop() throws Exception {
    events.shutdownNow();
    client.close();
    zk.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private ChildrenCache<String> cache() {
    return new ChildrenCache<>(client, PARENT, (name, node) -> new String(node.getData(), StandardCharsets.UTF_8), events);
  }

  @Test
  void aLoadReadsManyChildrenToARequestAndWatchesThemWithOneWatch() throws Exception {
    long watchesBefore = watches();
    long before = requestsReceived();
    try (ChildrenCache<String> cache = cache()) {
      cache.start();
      await().atMost(Duration.ofSeconds(10)).until(cache::initialized);

      // A watched getData per child was 201 requests for these 200; the watch, the listing and 7 batches now.
      assertThat(requestsReceived() - before).isLessThan(20);
      assertThat(cache.names()).hasSize(200);
      assertThat(cache.get("s7")).contains("v0");
      assertThat(watches()).isEqualTo(watchesBefore + 1);
    }
  }

  @Test
  void changesMadeBetweenTheListingAndTheBatchedReadsAndWhileTheyAreAppliedAreSeen() throws Exception {
    CountDownLatch listed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Holds the events thread before the listing is applied, so the batched reads are sent after the changes.
    events.execute(() -> {
      listed.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
    });
    Set<String> told = ConcurrentHashMap.newKeySet();
    try (CuratorFramework writer = clientAccepting(ZkClients.ANSWER_LIMIT_BYTES);
        ChildrenCache<String> cache = cache()) {
      cache.addListener(told::add);
      cache.start();
      assertThat(listed.await(10, TimeUnit.SECONDS)).isTrue();
      // The listing has been answered once the next request on the session is: ZooKeeper answers in order.
      client.checkExists().forPath(PARENT);
      writer.setData().forPath(PARENT + "/s1", bytes("v1"));
      writer.delete().forPath(PARENT + "/s2");
      writer.create().forPath(PARENT + "/new", bytes("v0"));
      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(cache::initialized);

      // Changed while the batches' answers are applied, and after.
      writer.setData().forPath(PARENT + "/s3", bytes("v1"));
      writer.delete().forPath(PARENT + "/s4");
      writer.delete().forPath(PARENT + "/new");
      writer.create().forPath(PARENT + "/new", bytes("v2"));
      await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("s3").equals(Optional.of("v1"))
          && cache.get("new").equals(Optional.of("v2")) && !cache.names().contains("s4"));
      assertThat(cache.get("s1")).contains("v1");
      assertThat(cache.names()).doesNotContain("s2", "s4").hasSize(199);
      assertThat(told).contains("s3", "s4", "new");
    }
  }

  @Test
  void aChildWrittenWhileTheSessionIsExpiredIsSeenAndTheWatchIsBack() throws Exception {
    try (CuratorFramework writer = clientAccepting(ZkClients.ANSWER_LIMIT_BYTES);
        ChildrenCache<String> cache = cache()) {
      cache.start();
      await().atMost(Duration.ofSeconds(10)).until(cache::initialized);
      expire(client);
      writer.setData().forPath(PARENT + "/s1", bytes("v1"));
      writer.delete().forPath(PARENT + "/s2");
      await().atMost(Duration.ofSeconds(20)).until(() -> cache.get("s1").equals(Optional.of("v1"))
          && !cache.names().contains("s2"));

      writer.setData().forPath(PARENT + "/s3", bytes("v1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("s3").equals(Optional.of("v1")));
    }
  }

  @Test
  void aCacheStartedBeforeItsClientFirstConnectsLoadsOnceItDoesAndFollowsChanges() throws Exception {
    zk.stop();
    try (CuratorFramework late = CuratorFrameworkFactory.builder().connectString(zk.getConnectString()).namespace("chroot")
        .sessionTimeoutMs(10_000).retryPolicy(new RetryOneTime(100)).build();
        ChildrenCache<String> cache = new ChildrenCache<>(late, PARENT,
            (name, node) -> new String(node.getData(), StandardCharsets.UTF_8), events)) {
      late.start();
      cache.start();
      zk.restart();
      await().atMost(Duration.ofSeconds(20)).until(cache::initialized);
      assertThat(cache.names()).hasSize(200);

      late.setData().forPath(PARENT + "/s1", bytes("v1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> cache.get("s1").equals(Optional.of("v1")));
    }
  }

  /** Expires {@code c}'s session on the server, as a partition longer than its timeout would. */
  private void expire(CuratorFramework c) throws Exception {
    ZooKeeper zkc = c.getZookeeperClient().getZooKeeper();
    ZooKeeper twin = new ZooKeeper(zk.getConnectString(), 10_000, e -> {},
        zkc.getSessionId(), zkc.getSessionPasswd());
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> twin.getState().isConnected());
    } finally {
      twin.close();
    }
  }

  private CuratorFramework clientAccepting(int bytes) throws InterruptedException {
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(ZKClientConfig.JUTE_MAXBUFFER, Integer.toString(bytes));
    CuratorFramework c = CuratorFrameworkFactory.builder().connectString(zk.getConnectString()).namespace("chroot")
        .sessionTimeoutMs(10_000).retryPolicy(new RetryOneTime(100)).zkClientConfig(config).build();
    c.start();
    c.blockUntilConnected();
    return c;
  }

  /** The requests the server has received so far, by its {@code srvr} command. */
  private long requestsReceived() throws Exception {
    return fourLetterCount("srvr", "Received: ");
  }

  /** The watches the server holds, by its {@code wchs} command. */
  private long watches() throws Exception {
    return fourLetterCount("wchs", "Total watches:");
  }

  private long fourLetterCount(String command, String prefix) throws Exception {
    String out = FourLetterWordMain.send4LetterWord("127.0.0.1", zk.getPort(), command);
    return out.lines().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length()).trim()))
        .findFirst().orElseThrow();
  }
}

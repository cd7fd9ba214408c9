package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.ha.ZkFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status cache takes this replica's own status updates from the writer instead of reading them back. */
class OwnWritesTest {
  private static final StorePaths PATHS = new StorePaths("/drover");
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  /** The single-node reads the cache's client sent (the first load reads many to a request instead). */
  private final AtomicInteger reads = new AtomicInteger();
  private final List<String> told = new CopyOnWriteArrayList<>();
  private ZkFixture zk;
  private CuratorFramework client;
  private CuratorFramework counting;
  private ChildrenCache<StatusDocument> cache;

  @BeforeEach
  void start() throws Exception {
    zk = new ZkFixture();
    client = zk.client(WAIT);
    for (String name : List.of("a", "b", "c")) {
      client.create().creatingParentsIfNeeded().forPath(PATHS.status(name), json(1));
    }
    counting = countingClient();
    cache = new ChildrenCache<>(counting, PATHS.statuses(),
        (name, node) -> StatusDocument.decode(node.getPath(), name, node.getData(), node.getStat()), events);
    cache.addListener(told::add);
    cache.start();
    await().atMost(WAIT).until(cache::initialized);
  }

  @AfterEach
  void stop() throws Exception {
    cache.close();
    counting.close();
    events.shutdownNow();
    zk.close();
  }

  @Test
  void theCacheTakesTheStatusesThisReplicaUpdatesWithoutReadingThemBackAndReadsWhatItCreates() throws Exception {
    int before = reads.get();
    told.clear();
    new StatusWrites(ControllerWrites.unfenced(client), PATHS, cache).writeAll(statuses(2, "a", "b", "c"), name -> true);
    await().atMost(WAIT).until(() -> List.of("a", "b", "c").stream().allMatch(n -> generation(n) == 2));

    assertThat(reads.get()).as("status nodes read back").isEqualTo(before);
    assertThat(told).containsExactlyInAnyOrder("a", "b", "c");
    Stat stat = client.checkExists().forPath(PATHS.status("a"));
    StatusDocument a = cache.get("a").orElseThrow();
    assertThat(a.version()).isEqualTo(stat.getVersion());
    assertThat(a.modified().toEpochMilli()).isEqualTo(stat.getMtime());

    new StatusWrites(ControllerWrites.unfenced(client), PATHS, cache).writeAll(statuses(1, "d"), name -> false);
    await().atMost(WAIT).until(() -> generation("d") == 1);
    assertThat(reads.get()).as("a created node's answer has no stat: it is read").isEqualTo(before + 1);
  }

  @Test
  void changesAndDeletionsByOthersAfterAnOwnWriteAreSeen() throws Exception {
    StatusWrites writes = new StatusWrites(ControllerWrites.unfenced(client), PATHS, cache);
    writes.writeAll(statuses(2, "a", "b"), name -> true);
    await().atMost(WAIT).until(() -> generation("a") == 2 && generation("b") == 2);

    client.setData().forPath(PATHS.status("a"), json(3));
    client.delete().forPath(PATHS.status("b"));
    await().atMost(WAIT).until(() -> generation("a") == 3 && cache.get("b").isEmpty());

    client.create().forPath(PATHS.status("b"), json(5));
    await().atMost(WAIT).until(() -> generation("b") == 5);
  }

  @Test
  void aChangeMadeWhileAnOwnWritesAnswerIsOnItsWayWins() throws Exception {
    // Another client changes and deletes the nodes just written before the writer hears back, so the
    // cache sees those events too, whether or not they come before the writer hands its nodes over.
    ControllerWrites meddled = new ControllerWrites() {
      @Override
      public CuratorFramework client() {
        return client;
      }

      @Override
      public List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception {
        List<CuratorTransactionResult> results = ControllerWrites.unfenced(client).commit(ops);
        client.setData().forPath(PATHS.status("a"), json(9));
        client.delete().forPath(PATHS.status("c"));
        return results;
      }
    };
    new StatusWrites(meddled, PATHS, cache).writeAll(statuses(4, "a", "b", "c"), name -> true);

    await().atMost(WAIT).until(() -> generation("a") == 9 && generation("b") == 4 && cache.get("c").isEmpty());
    // Nothing still on its way puts an older value back.
    new StatusWrites(ControllerWrites.unfenced(client), PATHS, cache).writeAll(statuses(6, "b"), name -> true);
    await().atMost(WAIT).until(() -> generation("b") == 6);
    assertThat(generation("a")).isEqualTo(9);
    assertThat(cache.get("c")).isEmpty();
  }

  private long generation(String name) {
    return cache.get(name).map(d -> d.status().observedGeneration()).orElse(-1L);
  }

  private static Map<String, EncodedStatus> statuses(long generation, String... names) throws Exception {
    Map<String, EncodedStatus> all = new LinkedHashMap<>();
    for (String name : names) {
      all.put(name, EncodedStatus.of(Optional.of(status(generation)), Services.statusMapper()));
    }
    return all;
  }

  private static byte[] json(long generation) throws Exception {
    return Services.statusMapper().writeValueAsBytes(status(generation));
  }

  private static ServiceStatus status(long generation) {
    return new ServiceStatus(generation, "abc", Phase.RUNNING,
        List.of(new Condition(Condition.READY, Condition.TRUE, "Running", "1 of 1 tasks running", "2024-01-01T00:00:00Z")),
        List.of(), List.of(), List.of(), null);
  }

  /** A client that counts the single-node reads sent through it. */
  private CuratorFramework countingClient() {
    CuratorFramework c = CuratorFrameworkFactory.builder()
        .connectString(zk.server.getConnectString())
        .sessionTimeoutMs((int) WAIT.toMillis())
        .retryPolicy(new RetryOneTime(100))
        .zookeeperFactory((connect, timeout, watcher, readOnly) -> new ZooKeeper(connect, timeout, watcher, readOnly) {
          @Override
          public void getData(String path, Watcher w, AsyncCallback.DataCallback cb, Object ctx) {
            reads.incrementAndGet();
            super.getData(path, w, cb, ctx);
          }
        })
        .build();
    c.start();
    return c;
  }
}

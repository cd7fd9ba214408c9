package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.controller.ha.ZkFixture;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreConnection;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;

/** The replica's threads, with the caches on them as {@link Controller} wires them. */
class ControllerThreadsTest {
  private static final StorePaths PATHS = new StorePaths("/drover");
  private static final String HELLO = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: hello}
      spec:
        pods:
          hello:
            tasks:
              greeter: {cmd: "sleep 100", cpus: 0.1, memory: 32}
      """;

  @Test
  void aDesiredChangeIsAppliedWhileTheStatusCachesEventsThreadIsBusy() throws Exception {
    CountDownLatch statusesBusy = new CountDownLatch(1);
    try (ZkFixture zk = new ZkFixture();
        CuratorFramework writer = zk.client(Duration.ofSeconds(10));
        ControllerThreads threads = ControllerThreads.create(2);
        StoreConnection store = StoreConnection.open(ZkSettings.of(zk.server.getConnectString()))) {
      writer.create().creatingParentsIfNeeded().forPath(PATHS.service("hello"), HELLO.getBytes(StandardCharsets.UTF_8));
      writer.create().creatingParentsIfNeeded().forPath(PATHS.statuses());
      try (ChildrenCache<DesiredEntry> desired = store.desiredCache(threads.desiredEvents(), threads.cacheDecoding(),
          name -> Optional.empty());
          ChildrenCache<StatusDocument> statuses = store.statusCache(threads.cacheEvents())) {
        desired.start();
        statuses.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> desired.initialized() && statuses.initialized());

        threads.cacheEvents().execute(() -> await().atMost(Duration.ofSeconds(30)).until(() -> statusesBusy.getCount() == 0));
        writer.setData().forPath(PATHS.service("hello"), HELLO.replace("sleep 100", "sleep 200").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> desired.get("hello").orElseThrow().service().generation() == 1);
        assertThat(statusesBusy.getCount()).as("the status cache's thread was still busy").isOne();
      } finally {
        statusesBusy.countDown();
      }
    }
  }

  @Test
  void theWorkersRunABurstAtOnceAndEndOnceIdle() throws Exception {
    ThreadPoolExecutor workers = ControllerThreads.idleTimingOut(8, Duration.ofMillis(200), ControllerThreads.named("w"));
    try {
      CountDownLatch allStarted = new CountDownLatch(8);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < 8; i++) {
        workers.execute(() -> {
          allStarted.countDown();
          await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
        });
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> allStarted.getCount() == 0);
      assertThat(workers.getPoolSize()).isEqualTo(8);
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> workers.getPoolSize() == 0);
    } finally {
      workers.shutdownNow();
    }
  }

  /** The desired documents' decoding waits for the statuses' load, then runs on the pool. */
  @Test
  void aGatedExecutorHoldsItsTasksUntilTheGateOpens() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Void> gate = new CompletableFuture<>();
      Executor gated = ControllerThreads.after(gate, pool);
      CompletableFuture<String> held = CompletableFuture.supplyAsync(
          () -> Thread.currentThread().getName(), gated);
      String poolThread = pool.submit(() -> Thread.currentThread().getName()).get();

      assertThat(held).isNotDone();
      gate.completeExceptionally(new IllegalStateException("the statuses could not be loaded"));
      assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo(poolThread);
      // Open: at once, on the pool.
      assertThat(CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), gated)
          .get(10, TimeUnit.SECONDS)).isEqualTo(poolThread);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A pool that refuses a task (it is closing) does not leave its waiter waiting. */
  @Test
  void aTaskTheClosedPoolRefusesRunsWhereItIsHandedOver() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<String> held = CompletableFuture.supplyAsync(
        () -> Thread.currentThread().getName(), ControllerThreads.after(gate, pool));

    Thread opener = new Thread(() -> gate.complete(null), "gate-opener");
    opener.start();
    opener.join();

    assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("gate-opener");
  }
}

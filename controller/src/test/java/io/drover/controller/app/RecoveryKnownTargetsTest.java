package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.controller.ha.ZkFixture;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.DesiredEntry;
import io.drover.reconcile.state.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new term's recovery runs while the desired cache loads: it takes a stored spec's target from the
 * cache as soon as the cache has read that service's document, without waiting for the rest of the
 * load, and waits for a document not read yet (real ZooKeeper, one document's decoding held).
 */
class RecoveryKnownTargetsTest {
  private static final String SERVICES = "/drover/services";
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
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private final CountDownLatch release = new CountDownLatch(1);
  private ZkFixture zk;
  private CuratorFramework client;
  private String first;
  private String last;
  private ChildrenCache<DesiredEntry> desired;

  @BeforeEach
  void start() throws Exception {
    zk = new ZkFixture();
    client = zk.client(Duration.ofSeconds(10));
    for (int i = 0; i < 20; i++) {
      client.create().creatingParentsIfNeeded().forPath(SERVICES + "/s" + i,
          HELLO.replace("hello", "s" + i).getBytes(StandardCharsets.UTF_8));
    }
    // The cache lists the same children in the same order, and applies them in that order.
    List<String> listed = client.getChildren().forPath(SERVICES);
    first = listed.get(0);
    last = listed.get(listed.size() - 1);
    desired = new ChildrenCache<>(client, SERVICES, (name, node) -> {
      if (name.equals(last)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
      }
      return DesiredEntry.decode(name, node);
    }, events);
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    desired.close();
    events.shutdownNow();
    zk.close();
  }

  private Function<String, Optional<Target>> known(Duration wait) {
    return new SchedulerRuntimeFactory.Caches(name -> Optional.empty(), CompletableFuture.completedFuture(null),
        name -> desired.get(name).flatMap(DesiredEntry::target), desired::whenLoaded).knownTargets(wait);
  }

  @Test
  void aTargetIsKnownOnceItsDocumentIsReadWhileTheRestOfTheCacheStillLoads() throws Exception {
    Function<String, Optional<Target>> known = known(Duration.ofSeconds(20));
    desired.start();
    CompletableFuture<Optional<Target>> firstTarget = CompletableFuture.supplyAsync(() -> known.apply(first));
    assertThat(firstTarget.get(10, TimeUnit.SECONDS)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(first));
    assertThat(desired.initialized()).as("the last document is still held").isFalse();

    CompletableFuture<Optional<Target>> lastTarget = CompletableFuture.supplyAsync(() -> known.apply(last));
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !lastTarget.isDone());
    release.countDown();
    assertThat(lastTarget.get(10, TimeUnit.SECONDS)).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo(last));
  }

  @Test
  void afterItsWaitTheRecoveryTakesWhatTheCacheHasWithoutWaitingMore() throws Exception {
    Function<String, Optional<Target>> known = known(Duration.ofMillis(300));
    desired.start();
    CompletableFuture<Optional<Target>> lastTarget = CompletableFuture.supplyAsync(() -> known.apply(last));
    assertThat(lastTarget.get(10, TimeUnit.SECONDS)).as("its document is still held").isEmpty();
    assertThat(CompletableFuture.supplyAsync(() -> known.apply("absent")).get(1, TimeUnit.SECONDS)).isEmpty();
  }
}

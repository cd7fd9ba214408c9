package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.controller.ha.ZkFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChildrenCacheTest {
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
  private ZkFixture zk;
  private CuratorFramework client;
  private ChildrenCache<DesiredEntry> cache;
  private final List<String> changes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    zk = new ZkFixture();
    client = zk.client(Duration.ofSeconds(10));
    client.create().creatingParentsIfNeeded().forPath(SERVICES + "/hello", bytes(HELLO));
    cache = new ChildrenCache<>(client, SERVICES, DesiredEntry::decode, events);
    cache.addListener(changes::add);
    cache.start();
    await().atMost(Duration.ofSeconds(10)).until(cache::initialized);
    assertThat(cache.whenInitialized()).isCompleted();
  }

  @AfterEach
  void stop() throws Exception {
    cache.close();
    events.shutdownNow();
    zk.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void loadsWhatExistsAndFollowsCreatesChangesAndDeletes() throws Exception {
    DesiredEntry hello = cache.get("hello").orElseThrow();
    assertThat(hello.service().valid()).isTrue();
    assertThat(hello.service().generation()).isZero();

    client.setData().forPath(SERVICES + "/hello", bytes(HELLO.replace("sleep 100", "sleep 200")));
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.get("hello").orElseThrow().service().generation() == 1);
    assertThat(cache.get("hello").orElseThrow().service().specHash()).isNotEqualTo(hello.service().specHash());

    client.create().forPath(SERVICES + "/other", bytes(HELLO.replace("name: hello", "name: other")));
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.names().contains("other"));

    client.delete().forPath(SERVICES + "/hello");
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.get("hello").isEmpty());
    assertThat(changes).contains("hello", "other");
    assertThat(cache.names()).containsExactly("other");
  }

  @Test
  void badContentIsCachedAsInvalidAndDeeperNodesAreIgnored() throws Exception {
    client.create().forPath(SERVICES + "/broken", bytes("spec: [unclosed"));
    client.create().forPath(SERVICES + "/hello/child", bytes("not a service"));
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.get("broken").isPresent());

    assertThat(cache.get("broken").orElseThrow().service().valid()).isFalse();
    assertThat(cache.get("broken").orElseThrow().service().errors()).isNotEmpty();
    assertThat(cache.names()).containsExactlyInAnyOrder("hello", "broken");
    assertThat(changes).doesNotContain("child");
  }

  @Test
  void afterAnExpiredSessionChangesMadeMeanwhileAndLaterAreSeen() throws Exception {
    try (CuratorFramework writer = zk.client(Duration.ofSeconds(10))) {
      zk.expireOnServer(client);
      writer.setData().forPath(SERVICES + "/hello", bytes(HELLO.replace("sleep 100", "sleep 200")));
      writer.create().forPath(SERVICES + "/other", bytes(HELLO.replace("name: hello", "name: other")));
      await().atMost(Duration.ofSeconds(20)).until(() -> cache.get("hello").orElseThrow().service().generation() == 1
          && cache.names().contains("other"));

      writer.setData().forPath(SERVICES + "/other", bytes(HELLO.replace("name: hello", "name: other").replace("sleep 100", "sleep 300")));
      writer.delete().forPath(SERVICES + "/hello");
      await().atMost(Duration.ofSeconds(10)).until(() -> cache.names().equals(Set.of("other"))
          && cache.get("other").orElseThrow().service().generation() == 1);
    }
  }

  @Test
  void aChildThatFailsToDecodeKeepsItsPreviousValueAndIsNotDecodedAgainAfterAReconnection() throws Exception {
    client.create().creatingParentsIfNeeded().forPath("/plain/kept", bytes("a"));
    List<String> decoded = new CopyOnWriteArrayList<>();
    ChildrenCache.Decoder<String> decoder = (name, node) -> {
      String text = new String(node.getData(), StandardCharsets.UTF_8);
      decoded.add(name + "=" + text);
      if (text.equals("boom")) {
        throw new IllegalStateException("a decoder that throws");
      }
      return text;
    };
    try (ChildrenCache<String> plain = new ChildrenCache<>(client, "/plain", decoder, events)) {
      plain.start();
      await().atMost(Duration.ofSeconds(10)).until(plain::initialized);
      client.setData().forPath("/plain/kept", bytes("boom"));
      client.create().forPath("/plain/new", bytes("boom"));
      await().atMost(Duration.ofSeconds(5)).until(() -> decoded.contains("kept=boom") && decoded.contains("new=boom"));
      assertThat(plain.get("kept")).contains("a");
      assertThat(plain.get("new")).isEmpty();
      assertThat(plain.names()).containsExactly("kept");
      assertThat(plain.snapshot()).isEqualTo(Map.of("kept", "a"));

      zk.expireOnServer(client);
      client.create().forPath("/plain/marker", bytes("m"));
      await().atMost(Duration.ofSeconds(20)).until(() -> plain.get("marker").isPresent());
      assertThat(decoded).as("a version seen is not decoded again").containsExactly("kept=a", "kept=boom", "new=boom", "marker=m");

      client.setData().forPath("/plain/new", bytes("b"));
      await().atMost(Duration.ofSeconds(5)).until(() -> plain.get("new").equals(Optional.of("b")));
      client.delete().forPath("/plain/kept");
      await().atMost(Duration.ofSeconds(5)).until(() -> plain.names().equals(Set.of("marker", "new")));
    }
  }

  @Test
  void aChildOfTheFirstLoadIsLoadedOnceReadWithoutWaitingForTheRest() throws Exception {
    for (int i = 0; i < 20; i++) {
      client.create().forPath(SERVICES + "/s" + i, bytes(HELLO.replace("name: hello", "name: s" + i)));
    }
    // The cache lists the same children in the same order, and applies them in that order.
    List<String> listed = client.getChildren().forPath(SERVICES);
    String first = listed.get(0);
    String last = listed.get(listed.size() - 1);
    CountDownLatch release = new CountDownLatch(1);
    ChildrenCache.Decoder<DesiredEntry> decoder = (name, node) -> {
      if (name.equals(last)) {
        await().atMost(Duration.ofSeconds(20)).until(() -> release.getCount() == 0);
      }
      return DesiredEntry.decode(name, node);
    };
    ExecutorService ownEvents = Executors.newSingleThreadExecutor();
    try (ChildrenCache<DesiredEntry> held = new ChildrenCache<>(client, SERVICES, decoder, ownEvents)) {
      CompletableFuture<Void> lastLoaded = held.whenLoaded(last);
      CompletableFuture<Void> neverThere = held.whenLoaded("never-there");
      held.start();
      held.whenLoaded(first).get(10, TimeUnit.SECONDS);
      assertThat(held.get(first)).isPresent();
      assertThat(held.initialized()).isFalse();
      assertThat(lastLoaded).isNotDone();
      assertThat(neverThere).as("a child not listed is loaded with the whole first load").isNotDone();

      release.countDown();
      lastLoaded.get(10, TimeUnit.SECONDS);
      neverThere.get(10, TimeUnit.SECONDS);
      assertThat(held.get(last)).isPresent();
      assertThat(held.whenLoaded("anything")).isCompleted();
    } finally {
      release.countDown();
      ownEvents.shutdownNow();
    }
  }

  @Test
  void aParentCreatedAfterStartIsFollowed() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (ChildrenCache<DesiredEntry> later = new ChildrenCache<>(client, "/drover/later", DesiredEntry::decode, events)) {
      later.addListener(seen::add);
      later.start();
      await().atMost(Duration.ofSeconds(10)).until(later::initialized);
      assertThat(later.names()).isEmpty();

      client.create().creatingParentsIfNeeded().forPath("/drover/later/hello", bytes(HELLO));
      await().atMost(Duration.ofSeconds(5)).until(() -> later.get("hello").isPresent());
      client.delete().deletingChildrenIfNeeded().forPath("/drover/later");
      await().atMost(Duration.ofSeconds(5)).until(() -> later.names().isEmpty());
      assertThat(seen).containsExactly("hello", "hello");
    }
  }

  @Test
  void aCacheClosedDuringItsFirstLoadDropsTheAnswersStillOnTheirWay() throws Exception {
    for (int i = 0; i < 200; i++) {
      client.create().forPath(SERVICES + "/s" + i, bytes(HELLO.replace("name: hello", "name: s" + i)));
    }
    List<String> unhandled = new CopyOnWriteArrayList<>();
    client.getUnhandledErrorListenable().addListener((message, e) -> unhandled.add(message + ": " + e));
    ExecutorService own = Executors.newSingleThreadExecutor();
    ChildrenCache<DesiredEntry> loading = new ChildrenCache<>(client, SERVICES, DesiredEntry::decode, own);
    loading.start();
    loading.close();
    own.shutdown();
    assertThat(own.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    // Answers on one session come back in order: once this one is in, every earlier one was handled.
    CompletableFuture<Void> drained = new CompletableFuture<>();
    client.checkExists().inBackground((c, e) -> drained.complete(null)).forPath(SERVICES);
    drained.get(10, TimeUnit.SECONDS);
    client.setData().forPath(SERVICES + "/hello", bytes(HELLO.replace("sleep 100", "sleep 200")));
    await().atMost(Duration.ofSeconds(5)).until(() -> cache.get("hello").orElseThrow().service().generation() == 1);
    assertThat(unhandled).as("what Curator logs as an unexpected error").isEmpty();
  }

  @Test
  void childrenDecodedOnDecodingThreadsAreAppliedInTheOrderZooKeeperAnswered() throws Exception {
    for (int i = 0; i < 50; i++) {
      client.create().forPath(SERVICES + "/s" + i, bytes(HELLO.replace("name: hello", "name: s" + i)));
    }
    ExecutorService decoding = Executors.newFixedThreadPool(2, r -> new Thread(r, "decoder"));
    Set<String> decodedOn = ConcurrentHashMap.newKeySet();
    ChildrenCache.Decoder<DesiredEntry> decoder = (name, node) -> {
      decodedOn.add(Thread.currentThread().getName());
      return DesiredEntry.decode(name, node);
    };
    try (ChildrenCache<DesiredEntry> ahead = new ChildrenCache<>(client, SERVICES, decoder, events, decoding)) {
      ahead.start();
      await().atMost(Duration.ofSeconds(10)).until(ahead::initialized);
      assertThat(ahead.names()).hasSize(51);

      for (int g = 1; g <= 5; g++) {
        client.setData().forPath(SERVICES + "/hello", bytes(HELLO.replace("sleep 100", "sleep " + (100 + g))));
      }
      client.delete().forPath(SERVICES + "/s0");
      await().atMost(Duration.ofSeconds(5)).until(() -> ahead.get("hello").orElseThrow().service().generation() == 5
          && !ahead.names().contains("s0"));
      assertThat(ahead.names()).hasSize(50);
      assertThat(decodedOn).contains("decoder");
    } finally {
      decoding.shutdownNow();
    }
  }

  @Test
  void aLoneChangeIsAppliedOnTheClientsEventThreadAndChangesArrivingTogetherInOrderOnTheEventsThread() throws Exception {
    String other = HELLO.replace("name: hello", "name: other");
    client.create().forPath(SERVICES + "/other", bytes(other));
    ExecutorService ownEvents = Executors.newSingleThreadExecutor(r -> new Thread(r, "events"));
    ExecutorService decoding = Executors.newFixedThreadPool(2, r -> new Thread(r, "decoder"));
    List<String> decodedOn = new CopyOnWriteArrayList<>();
    List<String> told = new CopyOnWriteArrayList<>();
    ChildrenCache.Decoder<DesiredEntry> decoder = (name, node) -> {
      decodedOn.add(name + "@" + Thread.currentThread().getName());
      return DesiredEntry.decode(name, node);
    };
    CountDownLatch release = new CountDownLatch(1);
    try (ChildrenCache<DesiredEntry> ahead = new ChildrenCache<>(client, SERVICES, decoder, ownEvents, decoding)) {
      ahead.addListener(told::add);
      ahead.start();
      await().atMost(Duration.ofSeconds(10)).until(ahead::initialized);
      decodedOn.clear();
      told.clear();
      // The events thread is held: a lone change does not wait for it.
      ownEvents.execute(() -> await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0));

      client.setData().forPath(SERVICES + "/hello", bytes(HELLO.replace("sleep 100", "sleep 101")));
      await().atMost(Duration.ofSeconds(5)).until(() -> ahead.get("hello").orElseThrow().service().generation() == 1);
      assertThat(decodedOn).singleElement().asString().startsWith("hello@").endsWith("-EventThread");
      assertThat(told).containsExactly("hello");

      // Two changes together: the first answer has the second on its way, so both go to the events
      // thread (decoded ahead) and wait there, in ZooKeeper's order.
      client.transaction().forOperations(
          client.transactionOp().setData().forPath(SERVICES + "/other", bytes(other.replace("sleep 100", "sleep 101"))),
          client.transactionOp().setData().forPath(SERVICES + "/hello", bytes(HELLO.replace("sleep 100", "sleep 102"))));
      await().atMost(Duration.ofSeconds(5)).until(() -> decodedOn.contains("other@decoder"));
      assertThat(ahead.get("other").orElseThrow().service().generation()).as("waits for the events thread").isZero();
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> ahead.get("hello").orElseThrow().service().generation() == 2);
      assertThat(told).containsExactly("hello", "other", "hello");
      assertThat(ahead.get("other").orElseThrow().service().generation()).isEqualTo(1);
    } finally {
      release.countDown();
      decoding.shutdownNow();
      ownEvents.shutdownNow();
    }
  }
}

package io.drover.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.ha.FencedWrites;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.ha.ZkFixture;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusWrites;
import io.drover.controller.store.StorePaths;
import io.drover.controller.time.ManualTimers;
import io.drover.reconcile.state.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1));
  private static final StorePaths PATHS = new StorePaths("/drover");
  private final ManualTimers timers = new ManualTimers();
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  /** The check of each service's current desired document, as the desired cache would give it. */
  private final Map<String, DocumentCheck> checks = new ConcurrentHashMap<>();
  private ZkFixture zk;
  private CuratorFramework client;
  private LeaderElection election;
  private ChildrenCache<StatusDocument> stored;
  private StatusWriter writer;

  @BeforeEach
  void start() throws Exception {
    zk = new ZkFixture();
    client = zk.client(Duration.ofSeconds(10));
    client.create().creatingParentsIfNeeded().forPath(PATHS.statuses());
    election = LeaderElection.create(client, PATHS.leader(), new ReplicaInfo("r1", "127.0.0.1:1"), events, Clock.systemUTC());
    election.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> election.currentTerm().isPresent());
    stored = new ChildrenCache<>(client, PATHS.statuses(), (name, node) -> StatusDocument.decode(node.getPath(), name, node.getData(), node.getStat()), events);
    stored.start();
    await().atMost(Duration.ofSeconds(10)).until(stored::initialized);
    writer = writer();
  }

  @AfterEach
  void stop() throws Exception {
    writer.close();
    stored.close();
    election.close();
    events.shutdownNow();
    zk.close();
  }

  private StatusWriter writer() {
    return new StatusWriter(new StatusWrites(new FencedWrites(election, metrics), PATHS, stored), stored, timers, timers.workers(), BACKOFF,
        checks::get);
  }

  private static ServiceStatus status(Phase phase, long generation) {
    return new ServiceStatus(generation, "abc", phase,
        List.of(new Condition(Condition.READY, Condition.FALSE, "Deploying", "0 of 1 tasks running", "2024-01-01T00:00:00Z")),
        List.of(), List.of(), List.of(), null);
  }

  private void flush() {
    timers.runWorkers();
  }

  private Stat stat() throws Exception {
    return stat("web");
  }

  private Stat stat(String name) throws Exception {
    return client.checkExists().forPath(PATHS.status(name));
  }

  private static String json(ServiceStatus s) throws Exception {
    return Services.statusMapper().writeValueAsString(s);
  }

  private ServiceStatus read() throws Exception {
    return Services.statusMapper().readValue(client.getData().forPath(PATHS.status("web")), ServiceStatus.class);
  }

  @Test
  void aChangeIsWrittenAtOnceWithoutWaitingForTime() throws Exception {
    writer.submit("web", Optional.of(status(Phase.PENDING, 0)));
    assertThat(timers.pendingWorkers()).isEqualTo(1);
    flush();

    assertThat(stat().getVersion()).isZero();
    assertThat(json(read())).isEqualTo(json(status(Phase.PENDING, 0)));
    assertThat(timers.pending()).as("no timer: nothing waits for time").isZero();
  }

  @Test
  void eachStatusRecordsTheCheckOfTheDocumentCachedWhenItIsSubmitted() throws Exception {
    DocumentCheck first = new DocumentCheck(100, "validator-a", 3);
    checks.put("web", first);
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    assertThat(read().checked()).isEqualTo(first);
    assertThat(writer.latest("web")).contains(status(Phase.RUNNING, 1).withChecked(first));

    // The document is rewritten and decodes to other facts: the same derived status is written again with them.
    DocumentCheck second = new DocumentCheck(200, "validator-a", 5);
    checks.put("web", second);
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    assertThat(stat().getVersion()).isEqualTo(1);
    assertThat(read().checked()).isEqualTo(second);

    // Now invalid (nothing to record): the record goes, so no reader takes the old one.
    checks.remove("web");
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    assertThat(stat().getVersion()).isEqualTo(2);
    assertThat(read().checked()).isNull();
    assertThat(json(read())).doesNotContain("checked");
  }

  @Test
  void changesThatArriveBeforeTheWriteRunsBecomeOneWriteOfTheLatest() throws Exception {
    writer.submit("web", Optional.of(status(Phase.PENDING, 0)));
    writer.submit("web", Optional.of(status(Phase.DEPLOYING, 0)));
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    assertThat(timers.pendingWorkers()).as("one write at a time").isEqualTo(1);
    assertThat(writer.latest("web")).contains(status(Phase.RUNNING, 1));
    flush();

    assertThat(stat().getVersion()).isZero();
    assertThat(json(read())).isEqualTo(json(status(Phase.RUNNING, 1)));
    assertThat(writer.latest("web")).contains(status(Phase.RUNNING, 1));
  }

  @Test
  void manyServicesAreWrittenTogetherInMultiOpsWithinTheRequestBudget() throws Exception {
    // about 2,000 statuses of about 1.5 KiB: more than one request's budget, so several multi-ops
    String message = "x".repeat(1200);
    int n = 2000;
    for (int i = 0; i < n; i++) {
      writer.submit("svc-" + i, Optional.of(new ServiceStatus(1, "abc", Phase.RUNNING,
          List.of(new Condition(Condition.READY, Condition.TRUE, "Running", message, "2024-01-01T00:00:00Z")),
          List.of(), List.of(), List.of(), null)));
    }
    long before = client.getZookeeperClient().getZooKeeper().getSessionId();
    flush();

    assertThat(client.getChildren().forPath(PATHS.statuses())).hasSize(n);
    assertThat(client.getZookeeperClient().getZooKeeper().getSessionId()).as("no request over the limit dropped the connection").isEqualTo(before);
    for (int i = 0; i < n; i += 199) {
      assertThat(stat("svc-" + i).getVersion()).isZero();
    }
  }

  @Test
  void aStaleGuessAboutANodeFallsBackToOneWriteAtATime() throws Exception {
    // Another writer created the node behind this replica's cache and writer: the batch's create fails
    client.create().forPath(PATHS.status("web"), "{}".getBytes(StandardCharsets.UTF_8));
    ChildrenCache<StatusDocument> unstarted = new ChildrenCache<>(client, PATHS.statuses(),
        (name, node) -> StatusDocument.decode(node.getPath(), name, node.getData(), node.getStat()), events);
    StatusWriter blind = new StatusWriter(new StatusWrites(new FencedWrites(election, metrics), PATHS, unstarted), unstarted,
        timers, timers.workers(), BACKOFF, checks::get);
    blind.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    blind.submit("api", Optional.of(status(Phase.RUNNING, 1)));
    flush();

    assertThat(json(read())).isEqualTo(json(status(Phase.RUNNING, 1)));
    assertThat(stat("api")).isNotNull();
    blind.close();
  }

  @Test
  void anUnchangedStatusIsNotWrittenAgainEvenAfterARestartOfTheWriter() throws Exception {
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    assertThat(stat().getVersion()).isZero();

    // A new leader's writer knows only what the cache read back from ZooKeeper.
    await().atMost(Duration.ofSeconds(5)).until(() -> stored.get("web").isPresent());
    StatusWriter fresh = writer();
    fresh.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    assertThat(stat().getVersion()).isZero();

    fresh.submit("web", Optional.of(status(Phase.UPDATING, 2)));
    flush();
    assertThat(stat().getVersion()).isEqualTo(1);
    fresh.close();
  }

  @Test
  void aStatusEqualToTheLatestKnownQueuesNothing() throws Exception {
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    assertThat(timers.pendingWorkers()).isZero();

    writer.submit("web", Optional.of(status(Phase.DEGRADED, 1)));
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1))); // back to what is stored: still written over the pending one
    flush();
    assertThat(stat().getVersion()).isZero();
    assertThat(writer.latest("web")).contains(status(Phase.RUNNING, 1));
  }

  @Test
  void aNewLeadersResyncOfAnUnchangedStatusQueuesNothing() throws Exception {
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    // Read back from ZooKeeper, the stored status has no empty lists: equal as JSON, not as records.
    await().atMost(Duration.ofSeconds(5)).until(() -> stored.get("web").isPresent());
    assertThat(stored.get("web").orElseThrow().status()).isNotEqualTo(status(Phase.RUNNING, 1));
    StatusWriter fresh = writer();

    fresh.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    assertThat(timers.pendingWorkers()).as("nothing queued for a write").isZero();
    fresh.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    assertThat(timers.pendingWorkers()).isZero();

    fresh.submit("web", Optional.of(status(Phase.UPDATING, 2)));
    assertThat(timers.pendingWorkers()).isEqualTo(1);
    flush();
    assertThat(stat().getVersion()).isEqualTo(1);
    fresh.close();
  }

  @Test
  void anAbsentStatusRemovesTheNode() throws Exception {
    writer.submit("web", Optional.of(status(Phase.UNINSTALLING, 1)));
    flush();
    assertThat(stat()).isNotNull();

    writer.submit("web", Optional.empty());
    flush();
    assertThat(stat()).isNull();
  }

  @Test
  void aDeposedLeaderWritesNothingAndDoesNotRetry() throws Exception {
    LeaderElection next = LeaderElection.create(zk.client(Duration.ofSeconds(10)), PATHS.leader(),
        new ReplicaInfo("r2", "127.0.0.1:2"), events, Clock.systemUTC());
    try {
      next.start();
      // The session expires (as after a partition): the other replica leads, this one rejoins behind it.
      KillSession.kill(client.getZookeeperClient().getZooKeeper());
      await().atMost(Duration.ofSeconds(10)).until(() -> next.currentTerm().isPresent() && election.currentTerm().isEmpty());

      writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
      flush();
      timers.advance(Duration.ofMinutes(5));
      timers.runWorkers();

      assertThat(stat()).isNull();
      assertThat(metrics.get("drover.fenced.writes").counter().count()).isEqualTo(1);
      assertThat(timers.pending()).isZero();
    } finally {
      next.close();
    }
  }

  @Test
  void aLeaderShuttingDownWritesNothingDoesNotRetryAndCountsNoDeposition() throws Exception {
    election.close();
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    timers.advance(Duration.ofMinutes(5));
    timers.runWorkers();

    assertThat(stat()).isNull();
    assertThat(metrics.get("drover.fenced.writes").counter().count()).isZero();
    assertThat(timers.pending()).isZero();
  }
}

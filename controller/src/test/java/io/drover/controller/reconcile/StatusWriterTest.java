package io.drover.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.Services;
import io.drover.api.status.Condition;
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
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
  private static final StorePaths PATHS = new StorePaths("/drover");
  private final ManualTimers timers = new ManualTimers();
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
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
    writer = new StatusWriter(new StatusWrites(new FencedWrites(election, metrics), PATHS), stored, timers, timers.workers(), Duration.ofMillis(200), WorkQueueConfig.defaults());
  }

  @AfterEach
  void stop() throws Exception {
    writer.close();
    stored.close();
    election.close();
    events.shutdownNow();
    zk.close();
  }

  private static ServiceStatus status(Phase phase, long generation) {
    return new ServiceStatus(generation, "abc", phase,
        List.of(new Condition(Condition.READY, Condition.FALSE, "Deploying", "0 of 1 tasks running", "2024-01-01T00:00:00Z")),
        List.of(), List.of(), List.of(), null);
  }

  private void flush() {
    timers.advance(Duration.ofMillis(200));
    timers.runWorkers();
  }

  private Stat stat() throws Exception {
    return client.checkExists().forPath(PATHS.status("web"));
  }

  private static String json(ServiceStatus s) throws Exception {
    return Services.statusMapper().writeValueAsString(s);
  }

  private ServiceStatus read() throws Exception {
    return Services.statusMapper().readValue(client.getData().forPath(PATHS.status("web")), ServiceStatus.class);
  }

  @Test
  void aBurstOfChangesBecomesOneWriteOfTheLatestAfterTheDebounce() throws Exception {
    writer.submit("web", Optional.of(status(Phase.PENDING, 0)));
    writer.submit("web", Optional.of(status(Phase.DEPLOYING, 0)));
    timers.advance(Duration.ofMillis(199));
    timers.runWorkers();
    assertThat(stat()).isNull();

    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();

    assertThat(stat().getVersion()).isZero();
    assertThat(json(read())).isEqualTo(json(status(Phase.RUNNING, 1)));
    assertThat(writer.latest("web")).contains(status(Phase.RUNNING, 1));
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
    StatusWriter fresh = new StatusWriter(new StatusWrites(new FencedWrites(election, metrics), PATHS), stored, timers, timers.workers(), Duration.ofMillis(200), WorkQueueConfig.defaults());
    fresh.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    assertThat(stat().getVersion()).isZero();

    fresh.submit("web", Optional.of(status(Phase.UPDATING, 2)));
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
    election.close();
    writer.submit("web", Optional.of(status(Phase.RUNNING, 1)));
    flush();
    timers.advance(Duration.ofMinutes(5));
    timers.runWorkers();

    assertThat(stat()).isNull();
    assertThat(metrics.get("drover.fenced.writes").counter().count()).isEqualTo(1);
    assertThat(timers.pending()).isZero();
  }
}

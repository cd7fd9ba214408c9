package io.drover.controller.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.test.KillSession;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FencedWritesTest {
  private static final String PATH = "/drover/leader";
  private ZkFixture zk;
  private final List<ExecutorService> executors = new ArrayList<>();
  private final List<LeaderElection> elections = new ArrayList<>();

  @BeforeEach
  void startZooKeeper() throws Exception {
    zk = new ZkFixture();
  }

  @AfterEach
  void stop() throws Exception {
    elections.forEach(LeaderElection::close);
    executors.forEach(ExecutorService::shutdownNow);
    zk.close();
  }

  private LeaderElection join(CuratorFramework client, String id) throws Exception {
    ExecutorService events = Executors.newSingleThreadExecutor();
    executors.add(events);
    LeaderElection e = LeaderElection.create(client, PATH, new ReplicaInfo(id, "127.0.0.1:1"), events, Clock.systemUTC());
    e.start();
    elections.add(e);
    return e;
  }

  private static List<CuratorOp> create(CuratorFramework c, String path) throws Exception {
    return List.of(c.transactionOp().create().forPath(path, "x".getBytes(StandardCharsets.UTF_8)));
  }

  private static double refusals(SimpleMeterRegistry m) {
    return m.get("drover.fenced.writes").counter().count();
  }

  private static double refusalsByZooKeeper(SimpleMeterRegistry m) {
    return m.get("drover.fenced.writes.by.zookeeper").counter().count();
  }

  @Test
  void theLeaderWritesAndAFollowerIsRefused() throws Exception {
    CuratorFramework a = zk.client(Duration.ofSeconds(10));
    a.create().creatingParentsIfNeeded().forPath("/drover/status");
    LeaderElection leader = join(a, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> leader.currentTerm().isPresent());
    LeaderElection follower = join(zk.client(Duration.ofSeconds(10)), "b");
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    new FencedWrites(leader, metrics).commit(create(a, "/drover/status/one"));
    FencedWrites followerWrites = new FencedWrites(follower, metrics);
    assertThatThrownBy(() -> followerWrites.commit(create(follower.client(), "/drover/status/two")))
        .isInstanceOf(FencedWriteException.class)
        .hasMessageContaining("not the leader");

    assertThat(a.checkExists().forPath("/drover/status/one")).isNotNull();
    assertThat(a.checkExists().forPath("/drover/status/two")).isNull();
    assertThat(refusals(metrics)).isEqualTo(1);
  }

  /**
   * A rolling restart stops each leader on purpose: the writes its scheduler still tries are
   * refused as any other after its term, but they are not depositions, so they neither count in
   * {@code drover_fenced_writes_total} (whose alert is for flapping leaders) nor log as errors.
   */
  @Test
  void aLeaderShuttingDownRefusesItsOwnWritesWithoutCountingADeposition() throws Exception {
    CuratorFramework a = zk.client(Duration.ofSeconds(10));
    a.create().creatingParentsIfNeeded().forPath("/drover/status");
    LeaderElection leader = join(a, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> leader.currentTerm().isPresent());
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    FencedWrites writes = new FencedWrites(leader, metrics);
    writes.commit(create(a, "/drover/status/before"));
    assertThat(leader.isClosing()).isFalse();

    leader.close();

    assertThat(leader.isClosing()).isTrue();
    assertThatThrownBy(() -> writes.commit(create(a, "/drover/status/after")))
        .isInstanceOfSatisfying(FencedWriteException.class, e -> assertThat(e.shuttingDown()).isTrue())
        .hasMessageContaining("shutting down");
    assertThat(a.checkExists().forPath("/drover/status/after")).isNull();
    assertThat(refusals(metrics)).isZero();

    LeaderElection next = join(zk.client(Duration.ofSeconds(10)), "b");
    await().atMost(Duration.ofSeconds(10)).until(() -> next.currentTerm().isPresent());
    LeaderElection follower = join(zk.client(Duration.ofSeconds(10)), "c");
    assertThatThrownBy(() -> new FencedWrites(follower, metrics).commit(create(follower.client(), "/drover/status/c")))
        .isInstanceOfSatisfying(FencedWriteException.class, e -> assertThat(e.shuttingDown()).isFalse());
    assertThat(refusals(metrics)).isEqualTo(1);
  }

  @Test
  void onlyALeaderWhoseConnectionIsNotSuspendedMayActOnMesos() throws Exception {
    LeaderElection leader = join(zk.client(Duration.ofSeconds(10)), "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> leader.currentTerm().isPresent());
    LeaderElection follower = join(zk.client(Duration.ofSeconds(10)), "b");
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    FencedWrites leaderWrites = new FencedWrites(leader, metrics);

    assertThat(leaderWrites.notLeadingBecause()).isEmpty();
    assertThat(new FencedWrites(follower, metrics).notLeadingBecause()).hasValueSatisfying(
        why -> assertThat(why).contains("not the leader"));

    zk.server.stop();
    await().atMost(Duration.ofSeconds(10)).until(leader::isSuspended);
    assertThat(leaderWrites.notLeadingBecause()).hasValueSatisfying(why -> assertThat(why).contains("suspended"));

    zk.server.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> !leader.isSuspended());
    assertThat(leader.currentTerm()).isPresent();
    assertThat(leaderWrites.notLeadingBecause()).isEmpty();
  }

  @Test
  void aLeaderWhoseSessionExpiredCannotWriteAfterReconnectingWithANewSession() throws Exception {
    CuratorFramework a = zk.client(Duration.ofSeconds(10));
    a.create().creatingParentsIfNeeded().forPath("/drover/status");
    LeaderElection old = join(a, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> old.currentTerm().isPresent());
    LeaderElection other = join(zk.client(Duration.ofSeconds(10)), "b");
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    FencedWrites oldWrites = new FencedWrites(old, metrics);
    oldWrites.commit(create(a, "/drover/status/before"));
    long oldSession = a.getZookeeperClient().getZooKeeper().getSessionId();

    zk.expireOnServer(a);

    await().atMost(Duration.ofSeconds(10)).until(() -> other.currentTerm().isPresent());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> a.getZookeeperClient().isConnected() && a.getZookeeperClient().getZooKeeper().getSessionId() != oldSession);
    assertThat(old.currentTerm()).isEmpty();

    assertThatThrownBy(() -> oldWrites.commit(create(a, "/drover/status/after")))
        .isInstanceOf(FencedWriteException.class);
    System.out.println("refused write of the deposed leader after session expiry: " + refusals(metrics));
    assertThat(a.checkExists().forPath("/drover/status/after")).isNull();
    assertThat(refusals(metrics)).isEqualTo(1);
    new FencedWrites(other, metrics).commit(create(other.client(), "/drover/status/new-leader"));
    assertThat(a.checkExists().forPath("/drover/status/new-leader")).isNotNull();
  }

  @Test
  void aLeaderWhoseConnectionDroppedStopsLeadingBeforeTheSuspensionReachesTheElection() throws Exception {
    CuratorFramework a = zk.client(Duration.ofSeconds(10));
    ExecutorService events = Executors.newSingleThreadExecutor();
    executors.add(events);
    LeaderElection leader = LeaderElection.create(a, PATH, new ReplicaInfo("a", "127.0.0.1:1"), events, Clock.systemUTC());
    leader.start();
    elections.add(leader);
    await().atMost(Duration.ofSeconds(10)).until(() -> leader.currentTerm().isPresent());
    FencedWrites writes = new FencedWrites(leader, new SimpleMeterRegistry());
    assertThat(writes.notLeadingBecause()).isEmpty();

    // Hold the election's event thread, as a process resumed from a freeze may run it late.
    CountDownLatch release = new CountDownLatch(1);
    events.execute(() -> awaitQuietly(release));
    try {
      zk.server.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> !a.getZookeeperClient().isConnected());
      assertThat(leader.isSuspended()).as("the suspension is still queued").isFalse();
      assertThat(writes.notLeadingBecause()).hasValueSatisfying(why -> assertThat(why).contains("connection is down"));
    } finally {
      release.countDown();
    }
    zk.server.restart();
    await().atMost(Duration.ofSeconds(20)).until(() -> writes.notLeadingBecause().isEmpty());
  }

  @Test
  void aWriteIsRefusedAsSoonAsTheSessionChangesEvenBeforeLeadershipIsRevoked() throws Exception {
    CuratorFramework a = zk.client(Duration.ofSeconds(10));
    a.create().creatingParentsIfNeeded().forPath("/drover/status");
    ExecutorService events = Executors.newSingleThreadExecutor();
    executors.add(events);
    LeaderElection old = LeaderElection.create(a, PATH, new ReplicaInfo("a", "127.0.0.1:1"), events, Clock.systemUTC());
    old.start();
    elections.add(old);
    await().atMost(Duration.ofSeconds(10)).until(() -> old.currentTerm().isPresent());
    LeaderElection other = join(zk.client(Duration.ofSeconds(10)), "b");
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    FencedWrites oldWrites = new FencedWrites(old, metrics);
    long oldSession = a.getZookeeperClient().getZooKeeper().getSessionId();

    // Hold the election's event thread so that the revocation is not processed yet.
    CountDownLatch release = new CountDownLatch(1);
    events.execute(() -> awaitQuietly(release));
    try {
      // Curator's view of an expiry (as after a partition longer than the session timeout): it
      // starts a new session at once.
      KillSession.kill(a.getZookeeperClient().getZooKeeper());
      await().atMost(Duration.ofSeconds(10))
          .until(() -> a.getZookeeperClient().isConnected() && a.getZookeeperClient().getZooKeeper().getSessionId() != oldSession);
      assertThat(old.currentTerm()).isPresent();

      assertThatThrownBy(() -> oldWrites.commit(create(a, "/drover/status/new-session")))
          .isInstanceOf(FencedWriteException.class)
          .hasMessageContaining("session changed");
      assertThat(a.checkExists().forPath("/drover/status/new-session")).isNull();
      assertThat(refusals(metrics)).isEqualTo(1);
      assertThat(refusalsByZooKeeper(metrics)).as("refused by the replica itself").isZero();
    } finally {
      release.countDown();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> old.currentTerm().isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> other.currentTerm().isPresent());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void zooKeeperItselfRefusesATermWhoseNodeIsGoneAndAppliesNothing() throws Exception {
    CuratorFramework a = zk.client(Duration.ofSeconds(10));
    a.create().creatingParentsIfNeeded().forPath("/drover/status");
    LeaderElection first = join(a, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> first.currentTerm().isPresent());
    LeaderTerm stale = first.currentTerm().orElseThrow();
    CuratorFramework b = zk.client(Duration.ofSeconds(10));
    LeaderElection second = join(b, "b");
    first.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> second.currentTerm().isPresent());
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    FencedWrites writes = new FencedWrites(second, metrics);

    // The stale term's check travels in the same multi-op as the write: neither is applied.
    assertThatThrownBy(() -> writes.commitChecked(b, stale, create(b, "/drover/status/stale")))
        .isInstanceOf(FencedWriteException.class)
        .hasCauseInstanceOf(KeeperException.NoNodeException.class);
    assertThat(b.checkExists().forPath("/drover/status/stale")).isNull();

    // A failure of the operations themselves is not a fencing refusal.
    writes.commit(create(b, "/drover/status/dup"));
    assertThatThrownBy(() -> writes.commit(create(b, "/drover/status/dup")))
        .isInstanceOf(KeeperException.NodeExistsException.class);
    assertThat(refusals(metrics)).isEqualTo(1);
    assertThat(refusalsByZooKeeper(metrics)).isEqualTo(1);
  }

  /**
   * The interleaving of a replica frozen past its session timeout with a write pending: the write
   * passed the session check before it was sent, the session expired while the replica could not be
   * reached, and Curator re-sent the write on the client's new session once it reconnected. Only the
   * check on the election node, inside the same multi-op, can refuse it: it does, and nothing is applied.
   */
  @Test
  void aWriteResentByCuratorOnANewSessionIsRefusedByTheElectionNodeCheck() throws Exception {
    try (PausableProxy proxy = new PausableProxy(new InetSocketAddress("127.0.0.1", zk.server.getPort()))) {
      CuratorFramework a = ZkClients.controllerClient(ZkSettings.of(proxy.connectString())
          .withSessionTimeout(Duration.ofSeconds(2)).withConnectionTimeout(Duration.ofSeconds(30)));
      a.start();
      try {
        a.blockUntilConnected();
        a.create().creatingParentsIfNeeded().forPath("/drover/status");
        LeaderElection election = join(a, "a");
        await().atMost(Duration.ofSeconds(10)).until(() -> election.currentTerm().isPresent());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        FencedWrites writes = new FencedWrites(election, metrics);
        long oldSession = a.getZookeeperClient().getZooKeeper().getSessionId();
        byte[] password = a.getZookeeperClient().getZooKeeper().getSessionPasswd();

        proxy.pause();
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
          try {
            writes.commit(create(a, "/drover/status/late"));
          } catch (Exception e) {
            throw new CompletionException(e);
          }
        });
        zk.expireOnServer(oldSession, password);
        proxy.resume();

        await().atMost(Duration.ofSeconds(30)).until(write::isDone);
        assertThat(write).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
            .havingCause().isInstanceOf(FencedWriteException.class)
            .withMessageContaining("election node");
        assertThat(a.getZookeeperClient().getZooKeeper().getSessionId()).isNotEqualTo(oldSession);
        assertThat(a.checkExists().forPath("/drover/status/late")).isNull();
        assertThat(refusals(metrics)).isEqualTo(1);
        assertThat(refusalsByZooKeeper(metrics)).isEqualTo(1);
      } finally {
        a.close();
      }
    }
  }
}

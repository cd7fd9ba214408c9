package io.drover.controller.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
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

  private LeaderElection join(CuratorFramework client, String id, RecordingListener listener) throws Exception {
    ExecutorService events = Executors.newSingleThreadExecutor();
    executors.add(events);
    LeaderElection e =
        LeaderElection.create(client, PATH, new ReplicaInfo(id, "127.0.0.1:" + (9000 + elections.size())), events, Clock.systemUTC());
    e.addListener(listener);
    e.start();
    elections.add(e);
    return e;
  }

  @Test
  void exactlyOneLeadsEveryoneKnowsItsAddressAndClosingHandsOverAtOnce() throws Exception {
    List<RecordingListener> listeners = List.of(new RecordingListener(), new RecordingListener(), new RecordingListener());
    List<LeaderElection> replicas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replicas.add(join(zk.client(Duration.ofSeconds(10)), "replica-" + i, listeners.get(i)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> replicas.stream().filter(r -> r.currentTerm().isPresent()).count() == 1);
    LeaderElection leader = replicas.stream().filter(r -> r.currentTerm().isPresent()).findFirst().orElseThrow();
    for (LeaderElection r : replicas) {
      assertThat(r.currentLeader()).contains(leader.self());
      assertThat(r.members()).hasSize(3).first().isEqualTo(new ElectionMember(leader.self(), true));
      assertThat(r.members()).filteredOn(ElectionMember::leader).hasSize(1);
    }

    // The old leader must have stopped acting while its node still existed, i.e. before handing over.
    AtomicBoolean nodeExistedWhenRevoked = new AtomicBoolean();
    String node = leader.currentTerm().orElseThrow().nodePath();
    leader.addListener(
        new LeadershipListener() {
          @Override
          public void revoked(String reason) {
            try {
              nodeExistedWhenRevoked.set(leader.client().checkExists().forPath(node) != null);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
    long start = System.nanoTime();
    leader.close();
    await().atMost(Duration.ofSeconds(5)).until(() -> replicas.stream().filter(r -> r.currentTerm().isPresent()).count() == 1);
    Duration handover = Duration.ofNanos(System.nanoTime() - start);
    System.out.println("graceful leadership handover took " + handover.toMillis() + " ms");

    assertThat(handover).isLessThan(Duration.ofSeconds(1));
    assertThat(nodeExistedWhenRevoked).isTrue();
    assertThat(listeners.get(replicas.indexOf(leader)).events).containsExactly("elected", "revoked: shutting down");
    LeaderElection next = replicas.stream().filter(r -> r.currentTerm().isPresent()).findFirst().orElseThrow();
    assertThat(next.currentLeader()).contains(next.self());
  }

  @Test
  void aSuspendedConnectionPausesTheLeaderAndReconnectingInTheSessionResumesIt() throws Exception {
    RecordingListener events = new RecordingListener();
    LeaderElection e = join(zk.client(Duration.ofSeconds(20)), "only", events);
    await().atMost(Duration.ofSeconds(10)).until(() -> e.currentTerm().isPresent());
    LeaderTerm term = e.currentTerm().orElseThrow();

    zk.server.stop();
    await().atMost(Duration.ofSeconds(10)).until(e::isSuspended);
    assertThat(e.currentTerm()).contains(term);
    zk.server.restart();

    await().atMost(Duration.ofSeconds(15)).until(() -> !e.isSuspended());
    assertThat(events.events).containsExactly("elected", "suspended", "resumed");
    assertThat(e.currentTerm()).contains(term);
  }

  @Test
  void anExpiredSessionRevokesLeadershipAndAnotherReplicaTakesOver() throws Exception {
    RecordingListener firstEvents = new RecordingListener();
    CuratorFramework firstClient = zk.client(Duration.ofSeconds(10));
    LeaderElection first = join(firstClient, "first", firstEvents);
    await().atMost(Duration.ofSeconds(10)).until(() -> first.currentTerm().isPresent());
    LeaderElection second = join(zk.client(Duration.ofSeconds(10)), "second", new RecordingListener());

    zk.expireOnServer(firstClient);

    await().atMost(Duration.ofSeconds(10)).until(() -> second.currentTerm().isPresent());
    await().atMost(Duration.ofSeconds(10)).until(() -> first.currentTerm().isEmpty());
    // The server drops the connection first (suspended), then the client learns of the expiry.
    assertThat(firstEvents.events).first().isEqualTo("elected");
    assertThat(firstEvents.events).last().asString().startsWith("revoked");
    assertThat(firstEvents.events).doesNotContain("resumed");
    assertThat(first.currentTerm()).isEmpty();
    assertThat(first.currentLeader()).contains(second.self());
  }

  @Test
  void aClientThatDeposesOnSuspensionIsRejected() {
    CuratorFramework standard =
        CuratorFrameworkFactory.newClient(zk.server.getConnectString(), new RetryOneTime(10));
    assertThatThrownBy(() -> LeaderElection.create(standard, PATH, new ReplicaInfo("x", "h:1"), Runnable::run, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SessionConnectionStateErrorPolicy");
  }
}

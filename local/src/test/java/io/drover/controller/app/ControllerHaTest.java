package io.drover.controller.app;

import static io.drover.controller.app.DroverCluster.assertRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.FencedWriteException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several replicas, one leader: leadership moves on graceful shutdown and on session expiry,
 * nothing is relaunched or duplicated, a deposed leader cannot write, and work in progress
 * (an uninstall, a rolling update) converges under the new leader.
 */
class ControllerHaTest {
  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(2).build();

  private static boolean ready(ServiceStatus s, long generation) {
    Condition ready = s.condition(Condition.READY);
    return s.observedGeneration() == generation && ready != null && ready.isTrue();
  }

  private Controller other(Controller c) {
    return drover.replicas().stream().filter(r -> r != c).findFirst().orElseThrow();
  }

  /** Expires the replica's ZooKeeper session on the server, as a long partition would. */
  private void expireSession(Controller c) throws Exception {
    CuratorFramework client = c.store().client();
    ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
    ZooKeeper twin = new ZooKeeper(drover.zkConnectString(), 10_000, e -> {}, zk.getSessionId(), zk.getSessionPasswd());
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> twin.getState().isConnected());
    } finally {
      twin.close();
    }
  }

  /** Failover time: from the old leader's end to the new leader's first completed reconcile. */
  private static Duration failover(Instant end, Controller next) {
    Instant first = await().atMost(DroverCluster.WAIT).until(next::firstReconcile, f -> f.isPresent()).orElseThrow();
    return Duration.between(end, first);
  }

  @Test
  void aGracefulShutdownHandsOverAtOnceWithoutRelaunchingAnythingAndPendingWorkCompletes() throws Exception {
    long g = drover.apply("web", Docs.service("web", 2, "exec sleep 600"));
    drover.awaitStatus("web", s -> ready(s, g));
    Map<String, String> before = drover.liveTasks("web");
    Map<String, String> everBefore = drover.allTasks("web");
    Controller leader = drover.leader();
    Controller next = other(leader);

    drover.apply("api", Docs.service("api", 1, "exec sleep 600"));
    Instant stop = Instant.now();
    drover.stop(leader);

    Duration took = failover(stop, next);
    System.out.println("FAILOVER graceful shutdown -> new leader's first reconcile: " + took.toMillis() + " ms");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    // The new leader's milestones, in the order a term starts (the standby's caches were loaded long before).
    assertThat(next.cachesLoaded().orElseThrow()).isBefore(stop);
    Instant elected = next.elected().orElseThrow();
    assertThat(elected).isAfterOrEqualTo(stop);
    assertThat(next.recovered().orElseThrow()).isAfterOrEqualTo(elected)
        .isBeforeOrEqualTo(next.firstReconcile().orElseThrow());
    assertThat(leader.elected()).as("a stopped replica leads no term").isEmpty();
    drover.awaitStatus("api", s -> ready(s, 0));
    assertRunning(drover.liveTasks("api"), 1);
    assertThat(drover.liveTasks("web")).isEqualTo(before);
    assertThat(drover.allTasks("web")).isEqualTo(everBefore);
  }

  @Test
  void aLeaderWhoseSessionExpiredStopsActingAndAWriteItAttemptsIsRefused() throws Exception {
    long g = drover.apply("web", Docs.service("web", 2, "exec sleep 600"));
    drover.awaitStatus("web", s -> ready(s, g));
    Map<String, String> before = drover.liveTasks("web");
    Controller old = drover.leader();
    Controller next = other(old);

    Instant expired = Instant.now();
    expireSession(old);

    await().atMost(DroverCluster.WAIT).until(() -> !old.leading() && old.runtime().isEmpty());
    Duration took = failover(expired, next);
    System.out.println("FAILOVER leader session expired -> new leader's first reconcile: " + took.toMillis() + " ms");
    await().atMost(DroverCluster.WAIT).until(next::leading);

    String forged = DroverCluster.paths().status("forged");
    CuratorFramework client = old.writes().client();
    assertThatThrownBy(() -> old.writes().commit(List.of(
            client.transactionOp().create().forPath(forged, "{}".getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(FencedWriteException.class)
        .satisfies(e -> System.out.println("REFUSED write of the deposed leader: " + e.getMessage()));
    assertThat(drover.user().checkExists().forPath(forged)).isNull();

    // The new leader carries on with the same tasks, and takes new work.
    long g1 = drover.apply("web", Docs.service("web", 3, "exec sleep 600"));
    drover.awaitStatus("web", s -> ready(s, g1));
    assertThat(drover.liveTasks("web")).containsAllEntriesOf(before).hasSize(3);
  }

  @Test
  void aLeaderChangeDuringAnUninstallConverges() throws Exception {
    long g = drover.apply("slow", Docs.slowToStop("slow", 2, 3, "slow"));
    drover.awaitStatus("slow", s -> ready(s, g));
    Controller leader = drover.leader();
    Controller next = other(leader);

    drover.delete("slow");
    drover.awaitStatus("slow", s -> s.phase() == Phase.UNINSTALLING);
    assertThat(drover.liveTasks("slow")).isNotEmpty();
    drover.stop(leader);

    drover.awaitNoStatus("slow");
    assertThat(drover.liveTasks("slow")).isEmpty();
    assertThat(next.leading()).isTrue();
    assertThat(next.runtime().orElseThrow().manager().services()).doesNotContainKey("slow");
  }

  @Test
  void aLeaderChangeDuringARollingUpdateConverges() throws Exception {
    long g0 = drover.apply("slow", Docs.slowToStop("slow", 3, 2, "v0"));
    drover.awaitStatus("slow", s -> ready(s, g0));
    Set<String> v0 = drover.liveTasks("slow").keySet();
    Controller old = drover.leader();

    long g1 = drover.apply("slow", Docs.slowToStop("slow", 3, 2, "v1"));
    drover.awaitStatus("slow", s -> s.observedGeneration() == g1 && s.phase() == Phase.UPDATING);
    expireSession(old);
    await().atMost(DroverCluster.WAIT).until(() -> !old.leading());

    drover.awaitStatus("slow", s -> ready(s, g1));
    Map<String, String> live = drover.liveTasks("slow");
    assertRunning(live, 3);
    assertThat(live.keySet()).doesNotContainAnyElementsOf(v0);
    Map<String, Long> perInstance = live.keySet().stream()
        .collect(Collectors.groupingBy(id -> id.split("__")[1], Collectors.counting()));
    assertThat(perInstance).containsOnlyKeys("web-0-server", "web-1-server", "web-2-server").containsValues(1L);
  }
}

package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.ServiceSpec;
import io.drover.mesoslocal.ClusterState;
import io.drover.reconcile.service.ObservedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permanent failures replace (issue 13): agents that are gone or stay unreachable take their
 * reservations with them, and services move to new ones instead of waiting for them forever. End
 * to end: a real ZooKeeper, mesos-local running real processes, the real Mesos client.
 */
class LostAgentsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** db (a volume) runs; app fails until {@code flag} exists. Deployed in that order. */
  static ServiceResource flaky(Path flag) {
    return SchedulerFixture.service("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: flaky}
        spec:
          pods:
            db:
              tasks:
                server:
                  cmd: "date >> data/starts; exec sleep 600"
                  cpus: 0.1
                  memory: 32
                  volume: {path: data, sizeMiB: 16}
                  killGracePeriodSeconds: 1
            app:
              tasks:
                server:
                  cmd: "test -f %s || exit 1; exec sleep 600"
                  cpus: 0.1
                  memory: 32
                  killGracePeriodSeconds: 1
        """.formatted(flag));
  }

  /** Deploys flaky until app has failed at least once, then swaps the whole cluster for a new one. */
  private static void failingThenClusterReplaced(SchedulerFixture f, Path flag) throws Exception {
    f.start();
    f.put(flaky(flag), 1);
    // The scheduler, not only Mesos, must have seen the failure: its record is what the restart recovers.
    await().atMost(SchedulerFixture.WAIT).until(() -> f.running("flaky").containsKey("db-0-server")
        && f.runner().services().get("flaky").tasks().stream()
            .anyMatch(t -> t.name().equals("app-0-server") && t.state().equals("TASK_FAILED")));
    f.stop();
    f.replaceCluster();
    f.start();
  }

  /** Service db ({@link MultiServiceSchedulerTest#db}: one instance with a volume), waiting {@code seconds} for an unreachable agent. */
  static ServiceResource db(int seconds) {
    ServiceResource r = MultiServiceSchedulerTest.db(1);
    PodSpec pod = r.spec().pods().get("db");
    ServiceSpec spec = new ServiceSpec(Map.of("db", new PodSpec(pod.count(), pod.placement(), seconds, pod.tasks(), pod.executor(), pod.uris(), pod.image())), r.spec().plans());
    return new ServiceResource(r.apiVersion(), r.kind(), r.metadata(), spec);
  }

  @Test
  void aServiceStuckOnAReplacedClusterMovesToTheNewAgents(@TempDir Path dir) throws Exception {
    Path flag = dir.resolve("flag");
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      failingThenClusterReplaced(f, flag);
      Files.createFile(flag);

      // Right after the restart the recovered record still says RUNNING until reconciliation answers
      // TASK_UNKNOWN, so wait for the tasks on the new cluster, not only for the lifecycle.
      await().atMost(MINUTE).until(() -> f.runner().services().get("flaky").lifecycle() == ObservedService.Lifecycle.RUNNING
          && f.running("flaky").keySet().equals(Set.of("db-0-server", "app-0-server")));
      Set<String> agents = f.mesos.state().agents().stream().map(ClusterState.Agent::id).collect(Collectors.toSet());
      assertThat(f.tasks().values()).extracting(ClusterState.Task::agentId).allMatch(agents::contains);
      assertThat(f.volumes()).as("db got a new volume on the new cluster").isEqualTo(1);
      assertThat(f.runner().services().get("flaky").message())
          .contains("db-0 is replaced: its agent agent-", ".local is gone (TASK_UNKNOWN", "with a new, empty volume", "app-0 is replaced");

      f.runner().uninstallService("flaky").get(30, TimeUnit.SECONDS);
      await().atMost(MINUTE).until(() -> f.uninstalled.contains("flaky"));
      assertThat(f.live("flaky")).isEmpty();
      // The releases went out before the teardown was reported done; Mesos applies them on its own time.
      await().atMost(SchedulerFixture.WAIT).until(() -> f.reservations().isEmpty());
    }
  }

  @Test
  void anUninstallDoesNotWaitForAgentsThatAreGone(@TempDir Path dir) throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      List<ObservedService> seen = new CopyOnWriteArrayList<>();
      failingThenClusterReplaced(f, dir.resolve("flag"));
      f.runner().addListener(new ObservedServiceListener() {
        @Override
        public void changed(ObservedService s) {
          seen.add(s);
        }
      });
      f.runner().uninstallService("flaky").get(30, TimeUnit.SECONDS);

      await().atMost(MINUTE).until(() -> f.uninstalled.contains("flaky"));
      assertThat(seen.get(seen.size() - 1).message())
          .as("the last state says what was left to garbage collection")
          .startsWith("uninstalled without waiting for lost agents: ").containsPattern("not released on \\[agent-\\d\\.local");
      // The releases went out before the teardown was reported done; Mesos applies them on its own time.
      await().atMost(SchedulerFixture.WAIT).until(() -> f.reservations().isEmpty());
    }
  }

  @Test
  void anInstanceOnAnAgentUnreachableTooLongMovesAndTheAgentIsCleanedUpWhenItReturns() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(db(2), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING);
      String old = f.running("db").get("db-0-server");
      String lostAgent = f.tasks().get(old).agentId();

      f.mesos.faults().stopAgent(lostAgent);
      await().atMost(MINUTE).until(() -> f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING
          && !reachable(f).contains(old));
      // the abandoned task still counts as live on the unreachable agent, so f.running() would refuse
      assertThat(reachable(f)).hasSize(1);
      String moved = reachable(f).get(0);
      assertThat(f.tasks().get(moved).agentId()).isNotEqualTo(lostAgent);
      assertThat(f.runner().services().get("db").message())
          .contains("db-0 is replaced: its agent agent-", "has been unreachable since", "(replaceAfterSeconds: 2)", "new, empty volume");

      f.mesos.faults().startAgent(lostAgent);
      await().atMost(MINUTE).until(() -> "TASK_KILLED".equals(f.everyTask().get(old))
          && f.reservations().stream().allMatch(r -> r.startsWith(hostOf(f, moved) + " ")));
      assertThat(f.volumes()).isEqualTo(1);
      assertThat(f.running("db")).containsExactly(Map.entry("db-0-server", moved));
    }
  }

  @Test
  void anUninstallDuringAnAgentOutageEndsAfterThePodsLimitAndTheAgentIsCleanedUpWhenItReturns() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(db(2), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 1);
      String old = f.running("db").get("db-0-server");
      String lostAgent = f.tasks().get(old).agentId();
      f.mesos.faults().stopAgent(lostAgent);
      await().atMost(MINUTE).until(() -> f.runner().services().get("db").tasks().get(0).state().equals("TASK_UNREACHABLE"));

      f.runner().uninstallService("db").get(30, TimeUnit.SECONDS);
      await().atMost(MINUTE).until(() -> f.uninstalled.contains("db"));
      assertThat(f.reservations()).as("left on the unreachable agent").isNotEmpty();

      f.mesos.faults().startAgent(lostAgent);
      await().atMost(MINUTE).until(() -> "TASK_KILLED".equals(f.everyTask().get(old)) && f.reservations().isEmpty());
      assertThat(f.volumes()).isZero();
    }
  }

  /** Running tasks on reachable agents. */
  private static List<String> reachable(SchedulerFixture f) {
    return f.tasks().values().stream().filter(t -> t.state().equals("TASK_RUNNING") && !t.unreachable())
        .map(ClusterState.Task::id).toList();
  }

  private static String hostOf(SchedulerFixture f, String taskId) {
    String agent = f.tasks().get(taskId).agentId();
    return f.mesos.state().agents().stream().filter(a -> a.id().equals(agent)).findFirst().orElseThrow().hostname();
  }
}

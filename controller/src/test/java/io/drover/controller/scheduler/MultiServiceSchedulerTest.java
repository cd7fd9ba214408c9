package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.model.ServiceResource;
import io.drover.mesoslocal.ClusterState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler end to end: a real ZooKeeper, mesos-local running real processes, the real Mesos
 * client. Counts come from mesos-local's own state, never from the scheduler's.
 */
class MultiServiceSchedulerTest {

  static ServiceResource web(int count, String version) {
    return SchedulerFixture.service("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: web}
        spec:
          pods:
            web:
              count: %d
              tasks:
                server:
                  cmd: "echo %s on $PORT_HTTP; exec sleep 600"
                  cpus: 0.1
                  memory: 32
                  ports: {http: {port: 0}}
        """.formatted(count, version));
  }

  static ServiceResource db(int count) {
    return SchedulerFixture.service("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: db}
        spec:
          pods:
            db:
              count: %d
              tasks:
                server:
                  cmd: "date >> data/starts; exec sleep 600"
                  cpus: 0.1
                  memory: 32
                  volume: {path: data, sizeMiB: 16}
                  killGracePeriodSeconds: 1
        """.formatted(count));
  }

  @Test
  void twoServicesSideBySideUpdateOneRemoveOne() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(web(2, "v1"), 1);
      f.put(db(2), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() == 2 && f.running("db").size() == 2);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("web").lifecycle() == ObservedService.Lifecycle.RUNNING
              && f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING);
      Map<String, String> dbTasks = f.running("db");

      f.put(web(2, "v2"), 2);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("web").generation() == 2
              && f.runner().services().get("web").lifecycle() == ObservedService.Lifecycle.RUNNING);
      Map<String, String> webV2 = f.running("web");
      assertThat(webV2).hasSize(2);
      assertThat(f.runner().services().get("web").tasks()).allSatisfy(row -> assertThat(row.state()).isEqualTo("TASK_RUNNING"));
      assertThat(f.running("db")).as("the other service's tasks are untouched").isEqualTo(dbTasks);

      f.runner().uninstallService("web").get(30, TimeUnit.SECONDS);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.uninstalled.contains("web"));
      assertThat(f.uninstalled).containsExactly("web");
      assertThat(f.live("web")).isEmpty();
      assertThat(f.runner().services()).containsOnlyKeys("db");
      assertThat(f.running("db")).isEqualTo(dbTasks);
      assertThat(f.curator.checkExists().forPath("/drover/scheduler/services/web")).isNull();
    }
  }

  @Test
  void aTaskKilledFromOutsideIsRelaunchedInPlace() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(db(1), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 1);
      String first = f.running("db").get("db-0-server");
      String agent = f.tasks().get(first).agentId();

      f.mesos.faults().crashTask(first);
      await().atMost(SchedulerFixture.WAIT).until(() -> {
        Map<String, String> now = f.running("db");
        return now.size() == 1 && !now.get("db-0-server").equals(first);
      });
      ClusterState.Task second = f.tasks().get(f.running("db").get("db-0-server"));
      assertThat(second.agentId()).isEqualTo(agent);
      assertThat(f.everyTask()).containsEntry(first, "TASK_FAILED").hasSize(2);
    }
  }

  @Test
  void aSchedulerRestartInTheMiddleOfADeployConvergesWithoutDuplicates() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(web(4, "v1"), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() >= 1);
      f.stop();
      int launchedBeforeRestart = f.everyTask().size();
      assertThat(launchedBeforeRestart).isLessThan(4);

      f.start();
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() == 4);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("web").lifecycle() == ObservedService.Lifecycle.RUNNING);
      assertThat(f.live("web")).hasSize(4).allSatisfy((name, ids) -> assertThat(ids).hasSize(1));
      assertThat(f.everyTask()).as("no task was launched twice").hasSize(4);
    }
  }

  @Test
  void aLaunchPersistedButNeverSentIsRepairedAfterARestart() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(1)) {
      DroppingCalls[] lossy = new DroppingCalls[1];
      f.start(calls -> lossy[0] = new DroppingCalls(calls));
      f.put(web(1, "v1"), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> lossy[0].dropped.get() > 0
          && f.curator.checkExists().forPath("/drover/scheduler/services/web/tasks/web-0-server") != null);
      String lost = f.runner().services().get("web").tasks().get(0).taskId();
      f.stop();
      assertThat(f.everyTask()).as("Mesos never heard of the launch").isEmpty();

      f.start();
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() == 1);
      assertThat(f.running("web").get("web-0-server")).isNotEqualTo(lost);
      assertThat(f.everyTask()).hasSize(1);
      assertThat(f.reservations()).as("one reservation per resource, none doubled")
          .hasSize(3).allSatisfy(r -> assertThat(r).doesNotContain("cpus(" + SchedulerFixture.ROLE + "):0.2"));
    }
  }

  @Test
  void aSchedulerRestartInTheMiddleOfAnUninstallResumesIt() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(db(2), 1);
      f.put(web(1, "v1"), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 2 && f.running("web").size() == 1);
      Map<String, String> web = f.running("web");

      f.runner().uninstallService("db").get(30, TimeUnit.SECONDS);
      f.stop();
      assertThat(f.curator.checkExists().forPath("/drover/scheduler/services/db/uninstalling")).isNotNull();

      f.start();
      assertThat(f.runner().services().get("db").lifecycle()).isEqualTo(ObservedService.Lifecycle.UNINSTALLING);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.uninstalled.contains("db"));
      assertThat(f.uninstalled).containsExactly("db");
      assertThat(f.live("db")).isEmpty();
      assertThat(f.curator.checkExists().forPath("/drover/scheduler/services/db")).isNull();
      assertThat(f.running("web")).isEqualTo(web);
      assertThat(f.everyTask()).as("nothing was relaunched by the resumed teardown").hasSize(3);
      // db's volumes were destroyed and its reservations released (the release went out before the
      // teardown was reported done; Mesos applies it on its own time); web's reservation stays
      await().atMost(SchedulerFixture.WAIT).untilAsserted(() -> assertThat(f.mesos.state().agents())
          .allSatisfy(a -> assertThat(a.resources()).doesNotContain("disk(" + SchedulerFixture.ROLE + ")")));
      assertThat(f.mesos.state().agents().stream().filter(a -> a.resources().contains("cpus(" + SchedulerFixture.ROLE + "):0.1"))).hasSize(1);
    }
  }

  @Test
  void aSerialDeployWaitsForTheReadinessCheckMesosRuns(@TempDir Path gate) throws Exception {
    ServiceResource gated = SchedulerFixture.service("""
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: gated}
        spec:
          pods:
            app:
              count: 2
              tasks:
                server:
                  cmd: "exec sleep 600"
                  cpus: 0.1
                  memory: 32
                  healthCheck: {cmd: "true", intervalSeconds: 1, gracePeriodSeconds: 0}
                  readinessCheck: {cmd: "test -f %s", intervalSeconds: 1}
        """.formatted(gate.resolve("ready")));
    try (SchedulerFixture f = new SchedulerFixture(1)) {
      f.start();
      f.put(gated, 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("gated").size() == 1);
      // Healthy but not ready: the serial deploy must not start the second instance.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
          f.live("gated").keySet().equals(Set.of("app-0-server"))
              && f.runner().services().get("gated").lifecycle() == ObservedService.Lifecycle.DEPLOYING);

      Files.createFile(gate.resolve("ready"));
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("gated").size() == 2
          && f.runner().services().get("gated").lifecycle() == ObservedService.Lifecycle.RUNNING);
      assertThat(f.everyTask()).hasSize(2);
    }
  }
}

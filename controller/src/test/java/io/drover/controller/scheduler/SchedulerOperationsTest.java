package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;
import static io.drover.controller.scheduler.SchedulerFixture.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.api.model.ServiceResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Operator commands, scaling, offer suppression, unknown tasks and broken or stuck entries, end to end. */
class SchedulerOperationsTest {

  static ServiceResource db(int count, int sizeMiB, String cmd) {
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
                  cmd: "%s"
                  cpus: 0.1
                  memory: 32
                  volume: {path: data, sizeMiB: %d}
                  killGracePeriodSeconds: 1
        """.formatted(count, cmd, sizeMiB));
  }

  static final String SLEEP = "date >> data/starts; exec sleep 600";

  @Test
  void restartReplacePauseResumeAndARejectedUpdate() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(db(1, 16, SLEEP), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 1);
      String first = f.running("db").get("db-0-server");
      String agent = f.tasks().get(first).agentId();

      f.runner().restartPod("db", "db-0").get(30, TimeUnit.SECONDS);
      // One read of the running tasks both meets the condition and names the new task.
      String second = await().atMost(SchedulerFixture.WAIT)
          .until(() -> f.running("db"), m -> m.size() == 1 && m.containsKey("db-0-server") && !m.containsValue(first))
          .get("db-0-server");
      assertThat(f.tasks().get(second).agentId()).isEqualTo(agent);
      assertThat(f.volumes()).isEqualTo(1);

      f.runner().replacePod("db", "db-0").get(30, TimeUnit.SECONDS);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 1 && !f.running("db").containsValue(second));
      await().atMost(SchedulerFixture.WAIT).untilAsserted(() -> assertThat(f.volumes()).as("the old volume is destroyed").isEqualTo(1));

      assertThatThrownBy(() -> f.runner().putService(target(db(1, 32, SLEEP), 2)).get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(UpdateRejectedException.class)
          .hasMessageContaining("spec.pods.db.tasks.server.volume.sizeMiB: cannot change from 16 to 32");
      assertThat(f.runner().services().get("db").message()).contains("update to generation 2 rejected");
      assertThat(f.runner().services().get("db").generation()).isEqualTo(1);

      Map<String, String> beforeUpdate = f.running("db");
      f.runner().pausePlan("db", "update").get(30, TimeUnit.SECONDS);
      f.put(db(1, 16, "echo v2; " + SLEEP), 3);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> f.running("db").equals(beforeUpdate));
      assertThat(f.runner().services().get("db").plans().get(0).status()).isEqualTo("WAITING");
      f.runner().resumePlan("db", "update").get(30, TimeUnit.SECONDS);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING && !f.running("db").equals(beforeUpdate));

      assertThatThrownBy(() -> f.runner().restartPod("db", "db-9").get(30, TimeUnit.SECONDS))
          .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no pod instance db-9");
      assertThatThrownBy(() -> f.runner().pausePlan("nope", "update").get(30, TimeUnit.SECONDS))
          .cause().hasMessageContaining("no service named nope");
    }
  }

  @Test
  void scaleDownDecommissionsTheHighestIndexesAndReleasesTheirVolumes() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      f.start();
      f.put(db(3, 16, SLEEP), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 3);
      String zero = f.running("db").get("db-0-server");
      f.put(db(1, 16, SLEEP), 2);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.live("db").keySet().equals(java.util.Set.of("db-0-server")) && f.volumes() == 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING);
      assertThat(f.running("db")).containsEntry("db-0-server", zero);
      assertThat(f.curator.getChildren().forPath("/drover/scheduler/services/db/tasks")).containsExactly("db-0-server");
    }
  }

  @Test
  void offersAreSuppressedWhenIdleAndRevivedWhenWorkAppears() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(1)) {
      f.start();
      await().atMost(SchedulerFixture.WAIT).until(() -> f.calls("SUPPRESS") >= 1);
      double revives = f.calls("REVIVE");
      f.put(MultiServiceSchedulerTest.web(1, "v1"), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() == 1);
      assertThat(f.calls("REVIVE")).isGreaterThan(revives);
      double suppresses = f.calls("SUPPRESS");
      await().atMost(SchedulerFixture.WAIT).until(() -> f.calls("SUPPRESS") > suppresses);
    }
  }

  @Test
  void aBrokenEntryIsReportedLeftAloneAndCanBeDroppedThenItsTaskIsKilledOnceAsUnknown() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(1)) {
      f.start();
      f.put(MultiServiceSchedulerTest.web(1, "v1"), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() == 1);
      String task = f.running("web").get("web-0-server");
      f.stop();
      f.curator.setData().forPath("/drover/scheduler/services/web/spec", "garbage".getBytes(StandardCharsets.UTF_8));

      f.start();
      ObservedService broken = f.runner().services().get("web");
      assertThat(broken.lifecycle()).isEqualTo(ObservedService.Lifecycle.DEGRADED);
      assertThat(broken.message()).contains("cannot read its stored state");
      assertThatThrownBy(() -> f.put(MultiServiceSchedulerTest.web(1, "v1"), 2))
          .cause().hasMessageContaining("/drover/scheduler/services/web");
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> task.equals(f.running("web").get("web-0-server")));

      f.runner().uninstallService("web").get(30, TimeUnit.SECONDS);
      // Listeners hear of it on their own thread, after the command's future completes.
      await().atMost(SchedulerFixture.WAIT).until(() -> !f.uninstalled.isEmpty());
      assertThat(f.uninstalled).containsExactly("web");
      assertThat(f.curator.checkExists().forPath("/drover/scheduler/services/web")).isNull();
      // implicit reconciliation reports the task; no service owns it any more: it is killed, once
      await().atMost(SchedulerFixture.WAIT).until(() -> f.live("web").isEmpty());
      // The call is counted when its answer comes, which may be after the task's last status.
      await().atMost(SchedulerFixture.WAIT).until(() -> f.calls("KILL") >= 1);
      assertThat(f.calls("KILL")).isEqualTo(1.0);
      // its reservations belong to a namespace nobody knows: released at the next sweep
      await().atMost(SchedulerFixture.WAIT).until(() -> f.reservations().isEmpty());
    }
  }

  @Test
  void aStuckTeardownIsForceCompletedAndItsLeftoversCleanedWhenTheAgentReturns() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(1, Duration.ofSeconds(3))) {
      f.start();
      f.put(db(1, 16, SLEEP), 1);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 1);
      String agent = f.tasks().get(f.running("db").get("db-0-server")).agentId();
      java.util.List<ObservedService> last = new java.util.concurrent.CopyOnWriteArrayList<>();
      f.runner().addListener(new ObservedServiceListener() {
        @Override
        public void changed(ObservedService state) {
          last.add(state);
        }
      });
      f.mesos.faults().stopAgent(agent);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("db").tasks().get(0).state().equals("TASK_UNREACHABLE"));

      f.runner().uninstallService("db").get(30, TimeUnit.SECONDS);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.uninstalled.contains("db"));
      assertThat(last.get(last.size() - 1).message()).contains("force-completed", "not confirmed ended");
      assertThat(f.volumes()).isEqualTo(1);

      f.mesos.faults().startAgent(agent);
      await().atMost(SchedulerFixture.WAIT).until(() -> f.live("db").isEmpty());
      await().atMost(SchedulerFixture.WAIT).until(() -> f.reservations().isEmpty());
    }
  }
}

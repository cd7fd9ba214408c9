package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * After a master failover each service waits only for its own tasks: one whose tasks Mesos is
 * silent about holds back only itself, and resumes once they are answered. End to end: a real
 * ZooKeeper, mesos-local running real processes, the real client; the silence is injected between
 * client and runner ({@link SilentMaster}) because mesos-local answers at once.
 */
class ReconciliationGateTest {

  @Test
  void aServiceWhoseTasksAreUnansweredWaitsWhileAnotherDeploysThenResumes() throws Exception {
    try (SchedulerFixture f = new SchedulerFixture(2)) {
      AtomicReference<SilentMaster> master = new AtomicReference<>();
      f.start(UnaryOperator.identity(), runner -> {
        master.set(new SilentMaster(runner));
        return master.get();
      });
      f.put(MultiServiceSchedulerTest.web(1, "v1"), 1);
      f.put(MultiServiceSchedulerTest.db(1), 1);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("web").lifecycle() == ObservedService.Lifecycle.RUNNING
              && f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING);
      String db0 = f.running("db").get("db-0-server");
      String web0 = f.running("web").get("web-0-server");

      master.get().silenceAbout(Set.of(db0));
      f.mesos.faults().masterRestart();
      await().atMost(SchedulerFixture.WAIT).until(() -> master.get().subscriptions() == 2);
      f.put(MultiServiceSchedulerTest.web(2, "v1"), 2);
      f.put(MultiServiceSchedulerTest.db(2), 2);

      // web's task answered: web scales up; db's did not: db launches nothing and keeps its task.
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("web").size() == 2);
      assertThat(f.running("web")).containsEntry("web-0-server", web0);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> f.live("db").size() == 1);
      assertThat(f.runner().services().get("db").lifecycle()).isEqualTo(ObservedService.Lifecycle.UPDATING);
      assertThat(f.running("db")).containsExactlyEntriesOf(Map.of("db-0-server", db0));

      master.get().speak();
      await().atMost(SchedulerFixture.WAIT).until(() -> f.running("db").size() == 2);
      assertThat(f.running("db")).containsEntry("db-0-server", db0);
      await().atMost(SchedulerFixture.WAIT).until(() ->
          f.runner().services().get("db").lifecycle() == ObservedService.Lifecycle.RUNNING);
      assertThat(f.everyTask()).as("nothing was relaunched").hasSize(4).allSatisfy((id, state) -> assertThat(state).isEqualTo("TASK_RUNNING"));
    }
  }
}

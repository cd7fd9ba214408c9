package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drover.api.model.Strategy;
import io.drover.api.model.TaskSpec;
import io.drover.api.status.PlanStatus;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class UpdateTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2").agent("a3");
  private final TaskSpec v1 = Specs.withVolume(Specs.withPorts(Specs.task("serve v1"), Map.of("http", 0)), "data", 32);

  private Harness deployed(int count) {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", count, v1)));
    for (int i = 0; i < count; i++) {
      h.offers();
      h.running("hello-" + i + "-server");
    }
    assertThat(h.record.deployedSpecHash()).isEqualTo("c1");
    return h;
  }

  @Test
  void anUpdateRollsOnePodAtATimeOnItsOwnReservations() {
    Harness h = deployed(3);
    TaskInfo before0 = h.task("hello-0-server").info();
    TaskSpec v2 = Specs.withCpus(Specs.withCmd(v1, "serve v2"), 0.2);
    assertThat(h.put(Specs.target("c2", Specs.hello("svc", 3, v2)))).isInstanceOf(Decisions.Accepted.class);
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.UPDATING);
    assertThat(DeployTest.plan(h).name()).isEqualTo("update");

    for (int i = 0; i < 3; i++) {
      String name = "hello-" + i + "-server";
      List<String> killed = h.killAndConfirm();
      assertThat(killed).as("only instance %d is killed", i).containsExactly(h.task(name).taskId().getValue());
      int opsBefore = cluster.log().size();
      h.offers();
      List<Operation> ops = cluster.log().subList(opsBefore, cluster.log().size());
      // grown on its own reservation: a RESERVE of the extra 0.1 cpus, no new volume
      assertThat(ops).extracting(Operation::getType).containsExactly(Operation.Type.RESERVE, Operation.Type.LAUNCH);
      assertThat(h.task(name).info().getCommand().getValue()).isEqualTo("serve v2");
      assertThat(h.takeKills()).isEmpty();
      h.running(name);
    }
    TaskInfo after0 = h.task("hello-0-server").info();
    assertThat(after0.getAgentId()).isEqualTo(before0.getAgentId());
    assertThat(h.task("hello-0-server").resourceIds()).isEqualTo(ids(before0));
    assertThat(after0.getDiscovery()).isEqualTo(before0.getDiscovery().toBuilder().build());
    assertThat(h.record.deployedSpecHash()).isEqualTo("c2");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
  }

  @Test
  void aParallelUpdateRollsEveryPodTogether() {
    Harness h = deployed(3);
    var r = Specs.service("svc", Map.of("hello", Specs.pod(3, Map.of("server", Specs.withCmd(v1, "v2")))),
        Map.of("update", new io.drover.api.model.PlanSpec(Strategy.SERIAL,
            Map.of("all", new io.drover.api.model.PhaseSpec("hello", Strategy.PARALLEL)))));
    h.put(Specs.target("c2", r));
    assertThat(h.killAndConfirm()).hasSize(3);
    h.offers();
    assertThat(h.record.tasks().values()).allMatch(t -> t.info().getCommand().getValue().equals("v2"));
  }

  @Test
  void aCountChangeAloneLaunchesOnlyTheNewInstance() {
    Harness h = deployed(2);
    h.put(Specs.target("c2", Specs.hello("svc", 3, v1)));
    assertThat(h.takeKills()).isEmpty();
    h.offers();
    assertThat(h.record.tasks()).hasSize(3);
    assertThat(cluster.launched()).hasSize(3);
    h.running("hello-2-server");
    assertThat(h.record.deployedSpecHash()).isEqualTo("c2");
  }

  @Test
  void aVolumeChangeIsRejectedWithReasonsAndTheOldTargetKeepsRunning() {
    Harness h = deployed(1);
    TaskSpec resized = Specs.withVolume(v1, "elsewhere", 64);
    Decisions.Put p = h.put(Specs.target("c2", Specs.hello("svc", 1, resized)));
    assertThat(p).isInstanceOf(Decisions.Rejected.class);
    assertThat(((Decisions.Rejected) p).reasons()).containsExactly(
        "spec.pods.hello.tasks.server.volume.path: cannot change from data to elsewhere; a persistent volume cannot change once created; restore the old value, or move the task to a new pod (its data is not copied)",
        "spec.pods.hello.tasks.server.volume.sizeMiB: cannot change from 32 to 64; a persistent volume cannot change once created; restore the old value, or move the task to a new pod (its data is not copied)");
    assertThat(h.record.target().specHash()).isEqualTo("c1");
    TaskSpec noVolume = Specs.task("serve v1");
    assertThat(((Decisions.Rejected) h.put(Specs.target("c3", Specs.hello("svc", 1, noVolume)))).reasons())
        .singleElement().asString().contains("cannot remove the persistent volume");
  }

  @Test
  void theRolloutPlanIsDeployUntilTheFirstConfigurationUpdateThenUpdate() {
    Harness h = deployed(1);
    assertThat(DeployTest.plan(h).name()).isEqualTo("deploy");
    assertThat(DeployTest.plan(h).status()).isEqualTo("COMPLETE");
    h.put(Specs.target("c1", Specs.hello("svc", 1, v1)));
    assertThat(DeployTest.plan(h).name()).as("the same configuration again is no update").isEqualTo("deploy");

    h.put(Specs.target("c2", Specs.hello("svc", 1, Specs.withCmd(v1, "serve v2"))));
    assertThat(DeployTest.plan(h).name()).isEqualTo("update");
    h.killAndConfirm();
    h.offers();
    h.running("hello-0-server");
    assertThat(h.record.deployedSpecHash()).isEqualTo("c2");
    assertThat(DeployTest.plan(h).name()).isEqualTo("update");
    assertThat(DeployTest.plan(h).status()).isEqualTo("COMPLETE");
  }

  @Test
  void aNewTargetBeforeTheFirstDeployCompletedIsStillTheDeploy() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 2, v1)));
    h.offers();
    h.put(Specs.target("c2", Specs.hello("svc", 2, Specs.withCmd(v1, "serve v2"))));
    assertThat(h.record.deployedSpecHash()).isNull();
    assertThat(DeployTest.plan(h).name()).isEqualTo("deploy");
  }

  @Test
  void pausingTheUpdateStopsTheRollAndResumingContinuesIt() {
    Harness h = deployed(2);
    h.record = h.reconciler.pause(h.record, "update", true);
    h.put(Specs.target("c2", Specs.hello("svc", 2, Specs.withCmd(v1, "v2"))));
    assertThat(h.takeKills()).isEmpty();
    assertThat(DeployTest.plan(h).status()).isEqualTo("WAITING");
    h.record = h.reconciler.pause(h.record, "update", false);
    h.advance();
    assertThat(h.killAndConfirm()).hasSize(1);
  }

  @Test
  void aPauseShowsInTheStatusEvenWhenThePlanHasNothingToDo() {
    Harness h = deployed(1);
    assertThat(ServiceReport.plans(h.record, h.pacing, WaitMemory.NONE, h.now)).noneMatch(PlanStatus::paused);
    h.record = h.reconciler.pause(h.reconciler.pause(h.record, "deploy", true), "update", true);
    h.record = h.reconciler.pause(h.record, "recovery", true);
    List<PlanStatus> plans = ServiceReport.plans(h.record, h.pacing, WaitMemory.NONE, h.now);
    assertThat(plans).extracting(PlanStatus::name, PlanStatus::status, PlanStatus::paused)
        .containsExactly(tuple("deploy", "COMPLETE", true), tuple("update", "PENDING", true),
            tuple("recovery", "COMPLETE", true));
    h.record = h.reconciler.pause(h.record, "update", false);
    assertThat(ServiceReport.plans(h.record, h.pacing, WaitMemory.NONE, h.now)).extracting(PlanStatus::name)
        .containsExactly("deploy", "recovery");
  }

  @Test
  void aKillWithoutAnswerIsResentAfterTheRetryInterval() {
    Harness h = deployed(1);
    h.put(Specs.target("c2", Specs.hello("svc", 1, Specs.withCmd(v1, "v2"))));
    assertThat(h.takeKills()).hasSize(1);
    h.tick(java.time.Duration.ofSeconds(5));
    assertThat(h.takeKills()).isEmpty();
    h.tick(java.time.Duration.ofSeconds(5));
    assertThat(h.takeKills()).hasSize(1);
    h.update("hello-0-server", TaskState.TASK_KILLED);
    assertThat(h.pacing.backoffs()).isEmpty();
  }

  private static java.util.Set<String> ids(TaskInfo info) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    info.getResourcesList().forEach(r -> ReservationLabels.resourceId(r).ifPresent(out::add));
    return out;
  }
}

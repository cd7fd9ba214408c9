package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Goal;
import io.drover.api.model.Placement;
import io.drover.api.model.PodSpec;
import io.drover.api.model.Strategy;
import io.drover.api.status.PlanStatus;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class DeployTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2").agent("a3");

  @Test
  void serialDeployLaunchesOneInstanceAtATimeInPlanOrder() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 3, Specs.task("sleep 1000"))));
    assertThat(h.wantsOffers).isTrue();
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.DEPLOYING);

    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server");
    h.offers();
    assertThat(h.record.tasks()).hasSize(1); // hello-1 waits until hello-0 is running
    assertThat(step(h, 0)).isEqualTo("IN_PROGRESS");
    assertThat(step(h, 1)).isEqualTo("PENDING");

    h.running("hello-0-server");
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server", "hello-1-server");
    h.running("hello-1-server");
    h.offers();
    h.running("hello-2-server");
    assertThat(plan(h).status()).isEqualTo("COMPLETE");
    assertThat(h.record.deployedSpecHash()).isEqualTo("c1");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
    assertThat(h.wantsOffers).isFalse();
    assertThat(cluster.launched()).hasSize(3);
  }

  @Test
  void parallelPhaseLaunchesEveryInstanceInOneRound() {
    var r = Specs.service("svc", Map.of("hello", Specs.pod(3, Map.of("server", Specs.task("sleep 1000")))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();
    assertThat(h.record.tasks()).hasSize(3);
    assertThat(plan(h).phases().get(0).steps()).extracting(PlanStatus.StepStatus::status).containsOnly("IN_PROGRESS");
  }

  @Test
  void serialPlanOfTwoPhasesStartsTheSecondPodWhenTheFirstIsDone() {
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    pods.put("db", Specs.pod(1, Map.of("t", Specs.task("db"))));
    pods.put("web", Specs.pod(2, Map.of("t", Specs.task("web"))));
    Harness h = new Harness(cluster, Specs.target("c1", Specs.service("svc", pods,
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "db", "web"))));
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("db-0-t");
    h.running("db-0-t");
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("db-0-t", "web-0-t", "web-1-t");
  }

  @Test
  void aStepWaitsForHealthAndReadiness() {
    var server = Specs.withReadiness(Specs.withHealth(Specs.task("serve"), "check"), "ready");
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 2, server)));
    h.offers();
    h.running("hello-0-server");
    assertThat(step(h, 0)).isEqualTo("IN_PROGRESS");
    assertThat(plan(h).phases().get(0).steps().get(0).message()).contains("not yet healthy or ready");
    h.status(cluster.update(h.task("hello-0-server").taskId(), TaskState.TASK_RUNNING, b -> b.setHealthy(true)));
    assertThat(step(h, 0)).isEqualTo("IN_PROGRESS");
    h.status(cluster.update(h.task("hello-0-server").taskId(), TaskState.TASK_RUNNING, b -> b.setCheckStatus(
        org.apache.mesos.v1.Protos.CheckStatusInfo.newBuilder().setType(org.apache.mesos.v1.Protos.CheckInfo.Type.COMMAND)
            .setCommand(org.apache.mesos.v1.Protos.CheckStatusInfo.Command.newBuilder().setExitCode(0)))));
    assertThat(step(h, 0)).isEqualTo("COMPLETE");
    assertThat(ServiceReport.tasks(h.record).get(0).healthy()).isTrue();
    assertThat(ServiceReport.tasks(h.record).get(0).ready()).isTrue();
  }

  @Test
  void maxPerHostSpreadsInstancesAndLeavesTheRestWaiting() {
    var r = Specs.service("svc", Map.of("hello", Specs.pod(4, new Placement(1, List.of()), Map.of("server", Specs.task("x")))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();
    assertThat(h.record.tasks()).hasSize(3);
    assertThat(h.record.tasks().values()).extracting(t -> t.hostname()).containsExactlyInAnyOrder("a1.example", "a2.example", "a3.example");
    assertThat(h.wantsOffers).isTrue();
    assertThat(plan(h).phases().get(0).steps().get(3).message())
        .isEqualTo("waiting for an offer that fits: maxPerHost 1 reached on a1.example, a2.example, a3.example, 3 agents");
  }

  @Test
  void finishTasksCompleteOnSuccessAndRetryOnFailure() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("job", 1, Specs.withGoal(Specs.task("work"), Goal.FINISH))));
    h.offers();
    h.running("hello-0-server");
    assertThat(step(h, 0)).isEqualTo("IN_PROGRESS");
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.offers();
    assertThat(cluster.launched()).hasSize(1); // backing off
    h.tick(java.time.Duration.ofSeconds(2));
    h.offers();
    assertThat(cluster.launched()).hasSize(2);
    h.update("hello-0-server", TaskState.TASK_FINISHED);
    assertThat(step(h, 0)).isEqualTo("COMPLETE");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
    h.offers();
    assertThat(cluster.launched()).hasSize(2);
    assertThat(h.wantsOffers).isFalse();
  }

  @Test
  void aLaunchRefusedForAStaleOfferIsRetriedWithoutBackoff() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.task("x"))));
    h.offers("a1");
    TaskStatus dropped = cluster.update(h.task("hello-0-server").taskId(), TaskState.TASK_DROPPED).toBuilder()
        .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_INVALID_OFFERS).build();
    h.status(dropped);
    assertThat(h.pacing.backoffs()).isEmpty();
    h.offers("a1");
    assertThat(cluster.launched()).hasSize(2);
  }

  static PlanStatus plan(Harness h) {
    return ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(0);
  }

  static String step(Harness h, int i) {
    return plan(h).phases().get(0).steps().get(i).status();
  }
}

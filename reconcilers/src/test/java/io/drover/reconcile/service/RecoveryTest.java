package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.api.model.PlacementRule;
import io.drover.api.model.TaskSpec;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.TaskRow;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
  private final TaskSpec server = Specs.withVolume(Specs.withPorts(Specs.task("serve"), Map.of("http", 0)), "data", 16);

  private Harness running() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, server)));
    h.offers("a1");
    h.running("hello-0-server");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
    return h;
  }

  @Test
  void aTaskKilledForFailingItsHealthCheckSaysSoInItsRowAndItsRecoveryStep() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.withHealth(Specs.task("serve"), "check"))));
    h.offers("a1");
    TaskID id = h.task("hello-0-server").taskId();
    h.status(cluster.update(id, TaskState.TASK_RUNNING, b -> b.setHealthy(false)
        .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED)));

    TaskRow unhealthy = ServiceReport.tasks(h.record).get(0);
    assertThat(unhealthy.reason()).isEqualTo("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
    assertThat(unhealthy.source()).isEqualTo("SOURCE_EXECUTOR");
    assertThat(unhealthy.cause()).isNull();

    h.status(cluster.update(id, TaskState.TASK_KILLED, b -> b.setHealthy(false)
        .setMessage("Command terminated with signal Terminated")));
    TaskRow killed = ServiceReport.tasks(h.record).get(0);
    String cause = "was killed after its health check failed 3 times in a row (the check's output is in the task's"
        + " stderr); Mesos (executor): Command terminated with signal Terminated";
    assertThat(killed.cause()).isEqualTo(cause);
    assertThat(killed.message()).isEqualTo("Command terminated with signal Terminated");
    assertThat(ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(1).phases().get(0).steps().get(0).message())
        .isEqualTo("hello-0-server failed 1 time(s); relaunching after " + h.now.plusSeconds(2) + ". Last time it " + cause);
  }

  @Test
  void aFailedTaskIsRelaunchedInPlaceAfterABackoffThatGrows() {
    Harness h = running();
    TaskRecord first = h.task("hello-0-server");
    h.update("hello-0-server", TaskState.TASK_FAILED);
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.DEGRADED);
    PlanStatus recovery = ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(1);
    assertThat(recovery.name()).isEqualTo("recovery");
    assertThat(recovery.status()).isEqualTo("IN_PROGRESS");
    assertThat(recovery.phases().get(0).steps().get(0).message()).contains("failed 1 time(s)");
    assertThat(h.wantsOffers).isFalse(); // backing off: nothing to do until the backoff ends
    h.offers();
    assertThat(cluster.launched()).hasSize(1);

    h.tick(Duration.ofSeconds(2));
    assertThat(h.wantsOffers).isTrue();
    h.offers();
    TaskRecord second = h.task("hello-0-server");
    assertThat(second.taskId()).isNotEqualTo(first.taskId());
    assertThat(second.agentId()).isEqualTo(first.agentId());
    assertThat(second.resourceIds()).isEqualTo(first.resourceIds());
    assertThat(cluster.log().get(cluster.log().size() - 1).getType()).isEqualTo(Operation.Type.LAUNCH);
    assertThat(DeployTest.plan(h).status()).as("the deploy plan stays complete").isEqualTo("COMPLETE");

    h.running("hello-0-server");
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.tick(Duration.ofSeconds(2));
    h.offers();
    assertThat(cluster.launched()).as("second failure waits 4s").hasSize(2);
    h.tick(Duration.ofSeconds(2));
    h.offers();
    assertThat(cluster.launched()).hasSize(3);
  }

  @Test
  void aTaskTheAgentReportsGoneIsRelaunchedInPlaceOnItsVolume() {
    Harness h = running();
    TaskRecord first = h.task("hello-0-server");
    // The agent is alive and says the task's container is gone (slave.cpp sends TASK_GONE then).
    h.status(cluster.update(first.taskId(), TaskState.TASK_GONE, b -> b.setSource(TaskStatus.Source.SOURCE_AGENT)
        .setReason(TaskStatus.Reason.REASON_CONTAINER_UPDATE_FAILED)));
    h.tick(Duration.ofSeconds(2));
    h.offers("a1", "a2");
    TaskRecord second = h.task("hello-0-server");
    assertThat(second.taskId()).isNotEqualTo(first.taskId());
    assertThat(second.agentId()).isEqualTo(first.agentId());
    assertThat(second.resourceIds()).as("same reservations and volume").isEqualTo(first.resourceIds());
    assertThat(cluster.log()).extracting(Operation::getType).doesNotContain(Operation.Type.DESTROY);
  }

  @Test
  void podRestartKillsAndRelaunchesInPlaceWithoutBackoff() {
    Harness h = running();
    Decisions.Command c = h.reconciler.restart(h.record, h.pacing, InstanceId.of("hello", 0), h.now);
    h.pacing = c.pacing();
    assertThat(c.kills()).hasSize(1);
    h.status(cluster.update(c.kills().get(0).taskId(), TaskState.TASK_KILLED));
    assertThat(h.pacing.backoffs()).isEmpty();
    h.offers();
    assertThat(cluster.launched()).hasSize(2);
    assertThat(cluster.launched().get(1).getAgentId().getValue()).isEqualTo("a1");
    assertThatThrownBy(() -> h.reconciler.restart(h.record, h.pacing, InstanceId.of("hello", 7), h.now))
        .hasMessageContaining("has no pod instance hello-7").hasMessageContaining("[hello-0]");
  }

  @Test
  void podReplaceMovesToNewReservationsAndReleasesTheOldOnes() {
    Harness h = running();
    Set<String> oldIds = h.task("hello-0-server").resourceIds();
    // keep the replacement off a1 so that the move is visible
    var placed = Specs.service("svc", Map.of("hello", Specs.pod(1,
        new io.drover.api.model.Placement(null, List.of(new PlacementRule("hostname", PlacementRule.Operator.UNLIKE, "nowhere"))),
        Map.of("server", server))));
    h.put(Specs.target("c1", placed));
    Decisions.Command c = h.reconciler.replace(h.record, h.pacing, InstanceId.of("hello", 0));
    h.record = c.record();
    h.advance();
    assertThat(h.killAndConfirm()).hasSize(1);
    h.offers("a2");
    TaskRecord moved = h.task("hello-0-server");
    assertThat(moved.agentId().getValue()).isEqualTo("a2");
    assertThat(moved.resourceIds()).doesNotContainAnyElementsOf(oldIds);
    assertThat(moved.replace()).isFalse();

    int before = cluster.log().size();
    h.offers("a1");
    List<Operation> cleanup = cluster.log().subList(before, cluster.log().size());
    assertThat(cleanup).extracting(Operation::getType).containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE);
    assertThat(cluster.reserved("a1")).isEmpty();
  }

  @Test
  void unreachableTasksAreWaitedForAndGoneOnesReplaced() {
    Harness h = running();
    h.update("hello-0-server", TaskState.TASK_UNREACHABLE);
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.DEGRADED);
    h.offers("a2");
    assertThat(cluster.launched()).hasSize(1);
    assertThat(ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(1).phases().get(0).steps().get(0).message())
        .contains("unreachable");
    h.update("hello-0-server", TaskState.TASK_RUNNING);
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);

    h.update("hello-0-server", TaskState.TASK_GONE_BY_OPERATOR);
    h.tick(Duration.ofSeconds(2));
    h.offers("a2");
    assertThat(h.task("hello-0-server").agentId().getValue()).isEqualTo("a2");
    assertThat(h.task("hello-0-server").condition()).isEqualTo(io.drover.reconcile.state.TaskCondition.LAUNCHED);
  }

  @Test
  void aReplacedInstanceAbandonsATaskOnAnUnreachableAgent() {
    Harness h = running();
    h.update("hello-0-server", TaskState.TASK_UNREACHABLE);
    h.record = h.reconciler.replace(h.record, h.pacing, InstanceId.of("hello", 0)).record();
    h.advance();
    h.takeKills();
    h.offers("a2");
    assertThat(h.task("hello-0-server").agentId().getValue()).isEqualTo("a2");
  }

  @Test
  void updatesOfUnknownTaskIdsAreReportedAsUnknownAndStaleOnesIgnored() {
    Harness h = running();
    TaskStatus stranger = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("svc__hello-0-server__old"))
        .setState(TaskState.TASK_RUNNING).build();
    assertThat(h.reconciler.status(h.record, h.pacing, stranger, h.now).known()).isFalse();
    h.update("hello-0-server", TaskState.TASK_FAILED);
    TaskStatus late = TaskStatus.newBuilder().setTaskId(h.task("hello-0-server").taskId()).setState(TaskState.TASK_RUNNING).build();
    Decisions.Status d = h.reconciler.status(h.record, h.pacing, late, h.now);
    assertThat(d.known()).isTrue();
    assertThat(d.record()).isEqualTo(h.record);
  }

  static Set<String> ids(List<Resource> resources) {
    return resources.stream().map(ReservationLabels::resourceId).flatMap(java.util.Optional::stream).collect(Collectors.toSet());
  }
}

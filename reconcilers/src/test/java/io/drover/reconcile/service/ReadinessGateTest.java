package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.TaskSpec;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

/**
 * A readiness check gates a serial deploy: the next instance is launched only once the previous
 * one is healthy and its readiness check (the TaskInfo {@code check}) reported exit code 0. The
 * statuses are scripted as Mesos 1.11's command executor sends them: every status carries the
 * empty {@code check_status} until a result exists, and health and check updates repeat the
 * previous status with the new field, with REASON_TASK_HEALTH_CHECK_STATUS_UPDATED or
 * REASON_TASK_CHECK_STATUS_UPDATED.
 */
class ReadinessGateTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
  private final TaskSpec server = Specs.withReadiness(Specs.withHealth(Specs.task("serve"), "check"), "ready");

  @Test
  void theNextStepWaitsForExitCodeZeroNotForAnyCheckStatus() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 2, server)));
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server");

    send(h, TaskState.TASK_STARTING, b -> b.setCheckStatus(empty()));
    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(empty()));
    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(empty()).setHealthy(true)
        .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED));
    h.offers();
    assertThat(h.record.tasks().keySet()).as("healthy, check status still empty").containsExactly("hello-0-server");

    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(exit(1)).setHealthy(true)
        .setReason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED));
    h.offers();
    assertThat(h.record.tasks().keySet()).as("readiness check failing").containsExactly("hello-0-server");
    assertThat(firstStep(h)).isEqualTo("IN_PROGRESS");

    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(exit(0)).setHealthy(true)
        .setReason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED));
    assertThat(firstStep(h)).isEqualTo("COMPLETE");
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server", "hello-1-server");
  }

  @Test
  void aReadyTaskThatIsNotYetHealthyStillHoldsTheDeploy() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 2, server)));
    h.offers();
    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(empty()));
    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(exit(0))
        .setReason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED));
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server");

    // The health update repeats the previous status, so the check result travels with it.
    send(h, TaskState.TASK_RUNNING, b -> b.setCheckStatus(exit(0)).setHealthy(true)
        .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED));
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server", "hello-1-server");
  }

  private static void send(Harness h, TaskState state, Consumer<TaskStatus.Builder> fields) {
    h.status(h.cluster.update(h.task("hello-0-server").taskId(), state, fields));
  }

  private static String firstStep(Harness h) {
    return ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(0).phases().get(0).steps().get(0).status();
  }

  private static CheckStatusInfo empty() {
    return CheckStatusInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
        .setCommand(CheckStatusInfo.Command.getDefaultInstance()).build();
  }

  private static CheckStatusInfo exit(int code) {
    return CheckStatusInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
        .setCommand(CheckStatusInfo.Command.newBuilder().setExitCode(code)).build();
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RECONCILE and KILL of unknown tasks, with the rules of {@code Master::reconcile}. */
class ReconciliationTest {

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().agents(2).noProcess(true).heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100)).start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static TaskID id(String v) {
    return TaskID.newBuilder().setValue(v).build();
  }

  private static TaskStatus reconciled(TestScheduler s, String taskId) {
    return s.await(e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
  }

  @Test
  void implicitReconciliationSendsTheLatestStateOfEveryTaskWithoutUuid() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("implicit").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("a", offer, "sleep 100", 0.1, 32), TestScheduler.task("b", offer, "sleep 100", 0.1, 32));
      s.awaitUpdate("a", TaskState.TASK_RUNNING);
      s.awaitUpdate("b", TaskState.TASK_RUNNING);
      s.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()));
      for (String t : new String[] {"a", "b"}) {
        TaskStatus status = reconciled(s, t);
        assertThat(status.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(status.hasUuid()).isFalse();
        assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(status.getMessage()).isEqualTo("Reconciliation: Latest task state");
      }
    }
  }

  @Test
  void explicitReconciliationFollowsMesosRulesForPartitionAwareFrameworks() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("explicit").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("known", offer, "sleep 100", 0.1, 32));
      s.awaitUpdate("known", TaskState.TASK_RUNNING);

      s.reconcile(id("known"), null);
      assertThat(reconciled(s, "known").getState()).isEqualTo(TaskState.TASK_RUNNING);

      s.reconcile(id("gone"), offer.getAgentId());
      TaskStatus gone = reconciled(s, "gone");
      assertThat(gone.getState()).isEqualTo(TaskState.TASK_GONE);
      assertThat(gone.getMessage()).isEqualTo("Reconciliation: Task is unknown to the agent");

      s.reconcile(id("unknown-agent"), AgentID.newBuilder().setValue("no-such-agent").build());
      assertThat(reconciled(s, "unknown-agent").getState()).isEqualTo(TaskState.TASK_UNKNOWN);

      s.reconcile(id("no-agent"), null);
      assertThat(reconciled(s, "no-agent").getState()).isEqualTo(TaskState.TASK_UNKNOWN);

      cluster.faults().stopAgent(offer.getAgentId().getValue());
      s.awaitUpdate("known", TaskState.TASK_UNREACHABLE);
      s.reconcile(id("known"), offer.getAgentId());
      TaskStatus unreachable = s.await(e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getTaskId().getValue().equals("known")
          && e.getUpdate().getStatus().getState() == TaskState.TASK_UNREACHABLE
          && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
      assertThat(unreachable.hasUnreachableTime()).isTrue();
    }
  }

  @Test
  void frameworksThatAreNotPartitionAwareGetTaskLost() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("lost").build())) {
      Offer offer = s.awaitOffer();
      s.reconcile(id("gone"), offer.getAgentId());
      assertThat(reconciled(s, "gone").getState()).isEqualTo(TaskState.TASK_LOST);
      s.reconcile(id("unknown"), null);
      assertThat(reconciled(s, "unknown").getState()).isEqualTo(TaskState.TASK_LOST);
    }
  }

  @Test
  void acknowledgedTerminalTasksAreForgotten() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("forgotten").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("done", offer, "sleep 100", 0.1, 32));
      s.awaitUpdate("done", TaskState.TASK_RUNNING);
      s.kill("done");
      s.awaitUpdate("done", TaskState.TASK_KILLED);
      org.awaitility.Awaitility.await().atMost(TestScheduler.WAIT).until(() -> cluster.state().task("done").isEmpty());
      s.reconcile(id("done"), offer.getAgentId());
      assertThat(reconciled(s, "done").getState()).isEqualTo(TaskState.TASK_GONE);
    }
  }

  @Test
  void killOfAnUnknownTaskAnswersLikeReconciliation() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("kill").build())) {
      Offer offer = s.awaitOffer();
      s.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(id("ghost")).setAgentId(offer.getAgentId())));
      TaskStatus status = reconciled(s, "ghost");
      assertThat(status.getState()).isEqualTo(TaskState.TASK_GONE);
      assertThat(status.hasUuid()).isFalse();
    }
  }

  @Test
  void tasksThatOnlyPretendToRunPassTheirChecksAndReconciliationCarriesTheResult() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("checked").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("c", offer, "sleep 100", 0.1, 32).toBuilder()
          .setCheck(CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
              .setCommand(CheckInfo.Command.newBuilder().setCommand(CommandInfo.newBuilder().setValue("true"))))
          .build();
      s.launch(offer, task);
      TaskStatus checked = s.await(e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED)
          .getUpdate().getStatus();
      assertThat(checked.getCheckStatus().getCommand().getExitCode()).isZero();
      s.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()));
      assertThat(reconciled(s, "c").getCheckStatus()).isEqualTo(checked.getCheckStatus());
    }
  }
}

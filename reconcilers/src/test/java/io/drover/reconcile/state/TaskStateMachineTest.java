package io.drover.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class TaskStateMachineTest {
  private static final TaskID ID = TaskID.newBuilder().setValue("s__p-0-t__u").build();

  private static TaskStatus status(TaskState s) {
    return TaskStatus.newBuilder().setTaskId(ID).setState(s).build();
  }

  @Test
  void mesosStatesMapToConditions() {
    assertThat(TaskStateMachine.condition(null)).isEqualTo(TaskCondition.LAUNCHED);
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_STAGING))).isEqualTo(TaskCondition.STARTING);
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_RUNNING))).isEqualTo(TaskCondition.RUNNING);
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_KILLING))).isEqualTo(TaskCondition.KILLING);
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_FINISHED))).isEqualTo(TaskCondition.FINISHED);
    for (TaskState s : new TaskState[] {TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED}) {
      assertThat(TaskStateMachine.condition(status(s))).as(s.name()).isEqualTo(TaskCondition.FAILED);
    }
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_UNREACHABLE))).isEqualTo(TaskCondition.UNREACHABLE);
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_GONE_BY_OPERATOR))).isEqualTo(TaskCondition.GONE);
    assertThat(TaskStateMachine.condition(status(TaskState.TASK_UNKNOWN))).isEqualTo(TaskCondition.GONE);
  }

  @Test
  void goneMeansTheAgentIsAliveWhetherTheMasterOrTheAgentSaysIt() {
    // Master::reconcile: a task unknown on a registered agent.
    TaskStatus reconciled = status(TaskState.TASK_GONE).toBuilder().setSource(TaskStatus.Source.SOURCE_MASTER)
        .setReason(TaskStatus.Reason.REASON_RECONCILIATION).build();
    assertThat(TaskStateMachine.condition(reconciled)).isEqualTo(TaskCondition.FAILED);
    // Slave: the container of a started task could not be updated (slave.cpp, REASON_CONTAINER_UPDATE_FAILED).
    TaskStatus fromAgent = status(TaskState.TASK_GONE).toBuilder().setSource(TaskStatus.Source.SOURCE_AGENT)
        .setReason(TaskStatus.Reason.REASON_CONTAINER_UPDATE_FAILED).build();
    assertThat(TaskStateMachine.condition(fromAgent)).isEqualTo(TaskCondition.FAILED);
  }

  @Test
  void terminalIsFinalAndUnreachableIsNot() {
    TaskStatus failed = status(TaskState.TASK_FAILED);
    assertThat(TaskStateMachine.apply(failed, status(TaskState.TASK_RUNNING))).isSameAs(failed);
    assertThat(TaskStateMachine.apply(failed, status(TaskState.TASK_GONE))).isSameAs(failed);
    TaskStatus unreachable = status(TaskState.TASK_UNREACHABLE);
    assertThat(TaskStateMachine.apply(unreachable, status(TaskState.TASK_RUNNING)).getState()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(TaskStateMachine.apply(null, failed)).isSameAs(failed);
  }

  @Test
  void aTaskLostWithItsRemovedAgentIsGoneAndOtherLostTasksFailed() {
    TaskStatus removed = status(TaskState.TASK_LOST).toBuilder().setReason(TaskStatus.Reason.REASON_AGENT_REMOVED).build();
    assertThat(TaskStateMachine.condition(removed)).isEqualTo(TaskCondition.GONE);
    TaskStatus frameworkRemoved = status(TaskState.TASK_LOST).toBuilder().setReason(TaskStatus.Reason.REASON_FRAMEWORK_REMOVED).build();
    assertThat(TaskStateMachine.condition(frameworkRemoved)).isEqualTo(TaskCondition.FAILED);
  }

  @Test
  void whatMesosSaysAboutTheAgentOfAnEndedTaskIsKeptApart() {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    TaskStatus unreachable = TaskStateMachine.stamped(status(TaskState.TASK_UNREACHABLE), t0);
    assertThat(TaskStateMachine.unreachableSince(unreachable)).contains(t0);
    assertThat(TaskStateMachine.stamped(unreachable, t0.plusSeconds(5))).as("Mesos's own time wins").isSameAs(unreachable);
    assertThat(TaskStateMachine.agentStatus(null, unreachable)).isSameAs(unreachable);
    TaskStatus again = TaskStateMachine.stamped(status(TaskState.TASK_UNREACHABLE).toBuilder().setTimestamp(9).build(), t0);
    assertThat(TaskStateMachine.agentStatus(unreachable, again)).as("the first word is kept").isSameAs(unreachable);
    TaskStatus gone = status(TaskState.TASK_GONE_BY_OPERATOR);
    assertThat(TaskStateMachine.agentStatus(unreachable, gone)).isSameAs(gone);
    assertThat(TaskStateMachine.agentStatus(unreachable, status(TaskState.TASK_GONE))).as("a registered agent answered").isNull();
    TaskStatus fromAgent = status(TaskState.TASK_FAILED).toBuilder().setSource(TaskStatus.Source.SOURCE_AGENT).build();
    assertThat(TaskStateMachine.agentStatus(unreachable, fromAgent)).isNull();
    assertThat(TaskStateMachine.agentStatus(unreachable, status(TaskState.TASK_FAILED))).isSameAs(unreachable);
  }

  @Test
  void healthIsCarriedOverWhenAnUpdateOfTheSameStateOmitsIt() {
    TaskStatus healthy = status(TaskState.TASK_RUNNING).toBuilder().setHealthy(true).build();
    assertThat(TaskStateMachine.apply(healthy, status(TaskState.TASK_RUNNING)).getHealthy()).isTrue();
    TaskStatus unhealthy = status(TaskState.TASK_RUNNING).toBuilder().setHealthy(false).build();
    assertThat(TaskStateMachine.apply(healthy, unhealthy).getHealthy()).isFalse();
    assertThat(TaskStateMachine.apply(healthy, status(TaskState.TASK_KILLING)).hasHealthy()).isFalse();
  }

  @Test
  void backoffDoublesUpToTheCapAndStartsOverAfterALongRun() {
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    Backoff policy = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(10));
    RelaunchDelay b1 = RelaunchDelay.after(null, t0, policy);
    assertThat(b1).isEqualTo(new RelaunchDelay(1, t0.plusSeconds(2)));
    RelaunchDelay b2 = RelaunchDelay.after(b1, t0.plusSeconds(3), policy);
    assertThat(b2).isEqualTo(new RelaunchDelay(2, t0.plusSeconds(3 + 4)));
    RelaunchDelay b3 = RelaunchDelay.after(b2, t0.plusSeconds(8), policy);
    assertThat(b3.notBefore()).isEqualTo(t0.plusSeconds(8 + 8));
    RelaunchDelay b4 = RelaunchDelay.after(b3, t0.plusSeconds(17), policy);
    assertThat(b4.notBefore()).isEqualTo(t0.plusSeconds(17 + 10));
    assertThat(b4.blocks(t0.plusSeconds(26))).isTrue();
    assertThat(b4.blocks(t0.plusSeconds(27))).isFalse();
    RelaunchDelay fresh = RelaunchDelay.after(b4, t0.plusSeconds(27 + 11), policy);
    assertThat(fresh.failures()).isEqualTo(1);
  }
}

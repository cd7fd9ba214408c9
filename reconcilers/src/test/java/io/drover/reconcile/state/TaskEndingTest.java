package io.drover.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TaskStatus.Reason;
import org.apache.mesos.v1.Protos.TaskStatus.Source;
import org.junit.jupiter.api.Test;

/** Why a task ended, in words, from Mesos's final status. */
class TaskEndingTest {
  private static final TaskInfo PLAIN = TaskInfo.newBuilder().setName("web-0-server")
      .setTaskId(TaskID.newBuilder().setValue("t")).buildPartial();
  private static final TaskInfo CHECKED = PLAIN.toBuilder()
      .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND).setConsecutiveFailures(2))
      .buildPartial();

  private static TaskStatus status(TaskState state, String message) {
    TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(PLAIN.getTaskId()).setState(state).setSource(Source.SOURCE_EXECUTOR);
    if (message != null) {
      b.setMessage(message);
    }
    return b.build();
  }

  @Test
  void aKillAfterFailedHealthChecksSaysHowManyTimesItFailedAndWhereItsOutputIs() {
    // As Mesos's command executor sends it: healthy false, no reason.
    TaskStatus killed = status(TaskState.TASK_KILLED, "Command terminated with signal Terminated").toBuilder()
        .setHealthy(false).build();

    assertThat(TaskEnding.cause(CHECKED, killed)).contains(
        "was killed after its health check failed 2 times in a row (the check's output is in the task's stderr);"
            + " Mesos (executor): Command terminated with signal Terminated");
    assertThat(TaskEnding.cause(PLAIN, killed)).hasValueSatisfying(c -> assertThat(c).contains("failed 3 times in a row"));
  }

  @Test
  void aFailureCarriesMesossMessageReasonAndSource() {
    assertThat(TaskEnding.cause(PLAIN, status(TaskState.TASK_FAILED, "Command exited with status 1")))
        .contains("failed; Mesos (executor): Command exited with status 1");
    TaskStatus oom = status(TaskState.TASK_FAILED, "Memory limit exceeded").toBuilder()
        .setReason(Reason.REASON_CONTAINER_LIMITATION_MEMORY).setSource(Source.SOURCE_AGENT).build();
    assertThat(TaskEnding.cause(PLAIN, oom)).contains(
        "failed: it used more memory than its limit; Mesos (agent): Memory limit exceeded, REASON_CONTAINER_LIMITATION_MEMORY");
  }

  @Test
  void otherEndings() {
    assertThat(TaskEnding.cause(PLAIN, status(TaskState.TASK_KILLED, "Command terminated with signal Terminated")))
        .contains("was killed; Mesos (executor): Command terminated with signal Terminated");
    TaskStatus removed = status(TaskState.TASK_LOST, null).toBuilder()
        .setReason(Reason.REASON_AGENT_REMOVED).setSource(Source.SOURCE_MASTER).build();
    assertThat(TaskEnding.cause(PLAIN, removed)).contains(
        "ended TASK_LOST: its agent was removed from the cluster; Mesos (master): REASON_AGENT_REMOVED");
    assertThat(TaskEnding.cause(PLAIN, status(TaskState.TASK_FINISHED, "Command exited with status 0")))
        .contains("finished; Mesos (executor): Command exited with status 0");
    assertThat(TaskEnding.cause(PLAIN, status(TaskState.TASK_ERROR, null).toBuilder().setReason(Reason.REASON_TASK_INVALID).build()))
        .contains("was refused by Mesos: the task is invalid; Mesos (executor): REASON_TASK_INVALID");
  }

  @Test
  void aTaskThatHasNotEndedHasNoCause() {
    TaskStatus unhealthy = status(TaskState.TASK_RUNNING, null).toBuilder().setHealthy(false)
        .setReason(Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED).build();

    assertThat(TaskEnding.cause(CHECKED, unhealthy)).isEmpty();
    assertThat(TaskEnding.cause(CHECKED, null)).isEmpty();
  }
}

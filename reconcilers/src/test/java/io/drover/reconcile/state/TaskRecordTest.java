package io.drover.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.api.model.Goal;
import io.drover.reconcile.mesos.TaskLabels;
import io.drover.reconcile.pod.TaskName;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

/** A launch's record: a value, whose label readings and serialized TaskInfo follow it from record to record. */
class TaskRecordTest {

  private static TaskInfo info(String goal) {
    Labels.Builder labels = Labels.newBuilder()
        .addLabels(TaskLabels.label(TaskLabels.POD, "web"))
        .addLabels(TaskLabels.label(TaskLabels.POD_INDEX, "2"))
        .addLabels(TaskLabels.label(TaskLabels.TASK, "server"))
        .addLabels(TaskLabels.label(TaskLabels.TARGET_SPEC_HASH, "h1"))
        .addLabels(TaskLabels.label(TaskLabels.SPEC_DIGEST, "d1"));
    if (goal != null) {
      labels.addLabels(TaskLabels.label(TaskLabels.GOAL, goal));
    }
    return TaskInfo.newBuilder().setName("web-2-server").setTaskId(TaskID.newBuilder().setValue("t1"))
        .setAgentId(AgentID.newBuilder().setValue("a1")).setLabels(labels).build();
  }

  private static TaskStatus running() {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1")).setState(TaskState.TASK_RUNNING).build();
  }

  @Test
  void theLabelsAreReadAndKeptFromRecordToRecord() {
    TaskRecord launched = TaskRecord.launched(info("RUNNING"), "host", false, List.of());
    TaskRecord later = launched.withStatus(running()).withGoalReached().withReleased(Set.of("r1"));
    for (TaskRecord r : List.of(launched, later)) {
      assertThat(r.taskName()).isEqualTo(TaskName.of("web", 2, "server"));
      assertThat(r.specHash()).isEqualTo("h1");
      assertThat(r.specDigest()).isEqualTo("d1");
      assertThat(r.goal()).isEqualTo(Goal.RUNNING);
    }
    assertThat(later.serializedInfo()).isEqualTo(launched.info().toByteString()).isSameAs(launched.serializedInfo());
  }

  @Test
  void aMissingLabelFailsOnlyWhatNeedsIt() {
    TaskRecord r = TaskRecord.launched(info(null), "host", false, List.of());
    assertThat(r.taskName()).isEqualTo(TaskName.of("web", 2, "server"));
    assertThatThrownBy(r::goal).hasMessageContaining(TaskLabels.GOAL);
    assertThatThrownBy(r::goal).as("every time it is asked for").hasMessageContaining(TaskLabels.GOAL);
  }

  @Test
  void recordsOfTheSameLaunchAndStateAreEqualWhateverWasReadFromThem() {
    TaskRecord read = TaskRecord.launched(info("RUNNING"), "host", true, List.of("r1")).withStatus(running());
    read.taskName();
    read.goal();
    TaskRecord fresh = TaskRecord.launched(info("RUNNING"), "host", true, List.of("r1")).withStatus(running());
    assertThat(read).isEqualTo(fresh).hasSameHashCodeAs(fresh);
    assertThat(read).isNotEqualTo(fresh.withGoalReached().markedForReplace());
    assertThat(read).isNotEqualTo(TaskRecord.launched(info("FINISH"), "host", true, List.of("r1")).withStatus(running()));
  }
}

package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.store.FencedWriteException;
import io.drover.reconcile.service.ObservedService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Status updates through the real runner: in-memory store, recorded calls, manual time, no threads. */
class RunnerStatusTest {
  private static final AgentID AGENT = AgentID.newBuilder().setValue("a1").build();

  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anUpdateIsStoredThenAcknowledged() throws Exception {
    TaskInfo task = h.launched("web");

    h.update(task, TaskState.TASK_RUNNING);

    assertThat(h.journal).containsExactly("save web", "ACKNOWLEDGE " + task.getTaskId().getValue());
    assertThat(h.store.get("web").orElseThrow().tasks().get("app-0-server").status().getState()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(h.service("web").tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo("TASK_RUNNING"));
    assertThat(h.service("web").lifecycle()).isEqualTo(ObservedService.Lifecycle.RUNNING);
  }

  @Test
  void anUpdateThatCannotBeStoredIsNotAcknowledgedSoMesosSendsItAgain() throws Exception {
    TaskInfo task = h.launched("web");
    h.store.failWrites(new IllegalStateException("ZooKeeper is away"));

    h.update(task, TaskState.TASK_RUNNING);
    assertThat(h.journal).isEmpty();
    assertThat(h.service("web").tasks()).singleElement().satisfies(t -> assertThat(t.state()).isNotEqualTo("TASK_RUNNING"));

    h.store.failWrites(null);
    h.update(task, TaskState.TASK_RUNNING);
    assertThat(h.journal).containsExactly("save web", "ACKNOWLEDGE " + task.getTaskId().getValue());
  }

  @Test
  void aTaskNoServiceKnowsIsKilledOnceAndEveryUpdateOfItAcknowledged() throws Exception {
    h.launched("web");
    TaskID ghost = TaskID.newBuilder().setValue("gone__app-0-server__old").build();
    TaskID foreign = TaskID.newBuilder().setValue("not-a-drover-task").build();

    h.update(ghost, AGENT, TaskState.TASK_RUNNING);
    h.update(ghost, AGENT, TaskState.TASK_RUNNING);
    h.update(foreign, AGENT, TaskState.TASK_STAGING);
    h.update(ghost, AGENT, TaskState.TASK_KILLED);

    assertThat(h.journal).containsExactly(
        "KILL gone__app-0-server__old", "ACKNOWLEDGE gone__app-0-server__old",
        "ACKNOWLEDGE gone__app-0-server__old",
        "KILL not-a-drover-task", "ACKNOWLEDGE not-a-drover-task",
        "ACKNOWLEDGE gone__app-0-server__old");
  }

  @Test
  void anOldIncarnationOfAKnownTaskIsKilledAsUnknown() throws Exception {
    TaskInfo task = h.launched("web");
    TaskID old = TaskID.newBuilder().setValue("web__app-0-server__older").build();

    h.update(old, AGENT, TaskState.TASK_RUNNING);

    assertThat(h.journal).containsExactly("KILL web__app-0-server__older", "ACKNOWLEDGE web__app-0-server__older");
    assertThat(h.store.get("web").orElseThrow().tasks().get("app-0-server").taskId()).isEqualTo(task.getTaskId());
  }

  @Test
  void aFencedWriteStopsTheSchedulerActing() throws Exception {
    TaskInfo task = h.launched("web");
    h.store.failWrites(new FencedWriteException("not the leader", null));

    h.update(task, TaskState.TASK_RUNNING);
    h.store.failWrites(null);
    h.update(task, TaskState.TASK_RUNNING);
    h.offer(h.unreserved("a2"));

    assertThat(h.journal).as("not acknowledged, nothing stored, offers declined").containsExactly("DECLINE 1s");
    CompletableFuture<Void> restart = h.runner().restartPod("web", "app-0");
    h.drain();
    assertThat(restart).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("this scheduler no longer acts (no longer the leader: not the leader)");
  }
}

package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.reconcile.service.ObservedService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A runner started on stored records, as after a controller restart: what it recovers, and how
 * each service waits for Mesos's word on its own tasks before it acts again. In-memory store,
 * recorded calls, manual time, no threads.
 */
class RunnerRecoveryTest {
  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** web runs one task; the runner is then restarted, not yet subscribed. */
  private TaskInfo webRunsThenRestart() throws Exception {
    TaskInfo task = h.running("web");
    h.restart();
    return task;
  }

  @Test
  void startRecoversEveryStoredServiceAndShowsAnUnreadableEntryWithoutTouchingIt() throws Exception {
    h.store.breakEntry("db", "spec: not valid JSON");
    TaskInfo task = webRunsThenRestart();

    assertThat(h.service("web").lifecycle()).isEqualTo(ObservedService.Lifecycle.RUNNING);
    assertThat(h.service("web").tasks()).singleElement().satisfies(t -> assertThat(t.taskId()).isEqualTo(task.getTaskId().getValue()));
    assertThat(h.runner().toReconcile()).as("the tasks the client reconciles").containsOnlyKeys(task.getTaskId());
    assertThat(h.service("db").lifecycle()).isEqualTo(ObservedService.Lifecycle.DEGRADED);
    assertThat(h.service("db").message()).contains("cannot read its stored state", "spec: not valid JSON");

    h.subscribe();
    h.journal.clear();
    CompletableFuture<Void> put = h.put(service("db", 1), 3);
    assertThat(put).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withMessageContaining("/memory/db");
    assertThat(h.journal).isEmpty();

    assertThat(h.uninstall("db")).isCompleted();
    assertThat(h.journal).containsExactly("remove db");
    assertThat(h.uninstalled).containsExactly("db");
    assertThat(h.runner().services()).containsOnlyKeys("web");
  }

  @Test
  void afterSubscribingAServiceActsOnceMesosAnsweredAboutItsTasksWhileOthersActAtOnce() throws Exception {
    TaskInfo web0 = webRunsThenRestart();
    h.put(service("web", 2), 2);
    h.put(service("api", 1), 1);
    h.subscribe();
    h.journal.clear();

    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).extracting(t -> t.getTaskId().getValue())
        .as("only api launches: web waits for word on its task").anyMatch(id -> id.startsWith("api__"))
        .noneMatch(id -> id.startsWith("web__app-1"));
    assertThat(h.calls.operations(Operation.Type.UNRESERVE)).as("web's reservations are left alone").isEmpty();

    h.answer(web0, TaskState.TASK_RUNNING);
    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).extracting(t -> t.getTaskId().getValue()).anyMatch(id -> id.startsWith("web__app-1-server__"));
    assertThat(h.store.get("web").orElseThrow().tasks().get("app-0-server").taskId()).as("untouched").isEqualTo(web0.getTaskId());
    assertThat(h.calls.kills).isEmpty();
  }

  @Test
  void reconciledLetsEveryServiceAct() throws Exception {
    TaskInfo web0 = webRunsThenRestart();
    h.put(service("web", 2), 2);
    h.subscribe();

    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).containsExactly(web0);

    h.reconciled();
    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).extracting(t -> t.getTaskId().getValue()).anyMatch(id -> id.startsWith("web__app-1-server__"));
  }

  @Test
  void aLaunchThatNeverGetsAStatusIsReconciledAfterTheLaunchCheck() throws Exception {
    TaskInfo task = h.launched("web");

    h.advance(RunnerHarness.SETTINGS.launchCheck().minusSeconds(1));
    assertThat(h.calls.reconciles).isEmpty();
    h.advance(Duration.ofSeconds(1));
    assertThat(h.calls.reconciles).singleElement().satisfies(r ->
        assertThat(r).singleElement().satisfies(t -> assertThat(t.getTaskId()).isEqualTo(task.getTaskId())));

    h.update(task, TaskState.TASK_RUNNING);
    h.advance(RunnerHarness.SETTINGS.launchCheck().multipliedBy(2));
    assertThat(h.calls.reconciles).hasSize(1);
  }
}

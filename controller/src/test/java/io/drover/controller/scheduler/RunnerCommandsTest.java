package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static io.drover.controller.scheduler.SchedulerFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Commands and operator actions through the real runner: in-memory store, recorded calls, manual time, no threads. */
class RunnerCommandsTest {
  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aCommandCompletesOnTheLoopOnceItsEffectIsStoredAndVisible() throws Exception {
    h.start();
    AtomicReference<Boolean> visible = new AtomicReference<>();

    CompletableFuture<Void> put = h.runner().putService(target(service("web", 1), 1));
    put.thenRun(() -> visible.set(h.store.get("web").isPresent() && h.runner().services().containsKey("web")));
    assertThat(put).as("queued, not yet run").isNotDone();
    h.drain();

    assertThat(put).isCompleted();
    assertThat(visible).hasValue(true);
  }

  @Test
  void commandsToAClosedRunnerFail() throws Exception {
    h.start();
    h.runner().close();

    assertThat(h.runner().putService(target(service("web", 1), 1))).failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class).withMessageContaining("the scheduler is not running");
  }

  @Test
  void operatorActionsSayWhatIsWrong() throws Exception {
    h.start();
    h.put(service("web", 1), 1);

    assertThat(fails(h.runner().restartPod("nope", "app-0"))).contains("no service named nope (known: [web])");
    assertThat(fails(h.runner().replacePod("web", "app"))).contains("must look like <pod>-<index>");
    assertThat(fails(h.runner().pausePlan("web", "rollout"))).contains("rollout");
  }

  @Test
  void aPausedDeployLaunchesNothingUntilResumed() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("web", 1), 1);
    CompletableFuture<Void> pause = h.runner().pausePlan("web", "deploy");
    h.drain();
    assertThat(pause).isCompleted();

    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).isEmpty();
    assertThat(h.service("web").plans().get(0).status()).isEqualTo("WAITING");

    h.runner().resumePlan("web", "deploy");
    h.drain();
    h.offer(h.unreserved("a1"));
    assertThat(h.calls.launched()).hasSize(1);
  }

  @Test
  void aRestartKillsThePodInstanceWhoseTaskThenRelaunchesOnItsReservations() throws Exception {
    TaskInfo first = h.running("web");

    CompletableFuture<Void> restart = h.runner().restartPod("web", "app-0");
    h.drain();
    assertThat(restart).isCompleted();
    assertThat(h.calls.kills).containsExactly(first.getTaskId());

    h.update(first, TaskState.TASK_KILLED);
    h.offer(h.reserved("a1", h.calls.reserved()));
    TaskInfo second = h.calls.launched().get(1);
    assertThat(second.getTaskId()).isNotEqualTo(first.getTaskId());
    assertThat(second.getResourcesList()).as("the same reservations").containsExactlyInAnyOrderElementsOf(first.getResourcesList());
  }

  private String fails(CompletableFuture<Void> command) {
    h.drain();
    assertThat(command).isCompletedExceptionally();
    return command.handle((ok, e) -> e.getMessage()).join();
  }
}

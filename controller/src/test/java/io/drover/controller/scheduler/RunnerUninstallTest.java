package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.reconcile.service.ObservedService;
import java.time.Duration;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Uninstalls through the real runner: in-memory store, recorded calls, manual time, no threads. */
class RunnerUninstallTest {
  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anUninstallKillsThenUnreservesThenRemovesTheEntryAndIsReportedOnce() throws Exception {
    TaskInfo task = h.running("web");

    assertThat(h.uninstall("web")).isCompleted();
    assertThat(h.journal).startsWith("save web", "KILL " + task.getTaskId().getValue());
    assertThat(h.store.get("web").orElseThrow().uninstalling()).isNotNull();
    assertThat(h.service("web").lifecycle()).isEqualTo(ObservedService.Lifecycle.UNINSTALLING);
    assertThat(h.uninstalled).isEmpty();

    h.update(task, TaskState.TASK_KILLED);
    assertThat(h.uninstalled).as("its reservations are not released yet").isEmpty();
    h.journal.clear();

    h.offer(h.reserved("a1", h.calls.reserved()));
    assertThat(h.calls.accepts.get(h.calls.accepts.size() - 1).operations()).extracting(Operation::getType)
        .containsExactly(Operation.Type.UNRESERVE);
    // The release is stored, its ACCEPT goes out, and only then is the teardown complete (the entry
    // removed, the service reported uninstalled), all in the same round.
    assertThat(h.journal).containsExactly("save web", "ACCEPT [UNRESERVE]", "remove web");
    assertThat(h.store.contains("web")).isFalse();
    assertThat(h.runner().services()).doesNotContainKey("web");
    assertThat(h.runner().toReconcile()).isEmpty();
    assertThat(h.uninstalled).containsExactly("web");

    h.advance(Duration.ofSeconds(5));
    h.offer(h.unreserved("a1"));
    assertThat(h.uninstalled).as("reported once").containsExactly("web");
  }

  @Test
  void uninstallingAServiceNobodyKnowsReportsItGoneAtOnce() throws Exception {
    h.start();
    h.subscribe();
    h.journal.clear();

    assertThat(h.uninstall("nope")).isCompleted();

    assertThat(h.uninstalled).containsExactly("nope");
    assertThat(h.journal).isEmpty();
  }

  @Test
  void anUninstallWhoseMarkerCannotBeStoredFailsAndChangesNothing() throws Exception {
    h.running("web");
    h.store.failWrites(new IllegalStateException("ZooKeeper is away"));

    assertThat(h.uninstall("web")).isCompletedExceptionally();

    assertThat(h.journal).isEmpty();
    assertThat(h.service("web").lifecycle()).isEqualTo(ObservedService.Lifecycle.RUNNING);
  }

  @Test
  void aTeardownStartedBeforeARestartIsResumedByTheNextRunner() throws Exception {
    TaskInfo task = h.running("web");
    h.uninstall("web");
    h.restart();
    assertThat(h.service("web").lifecycle()).isEqualTo(ObservedService.Lifecycle.UNINSTALLING);

    h.subscribe();
    h.answer(task, TaskState.TASK_RUNNING);
    assertThat(h.calls.kills).as("killed again by the new runner once it may act").contains(task.getTaskId());
    h.update(task, TaskState.TASK_KILLED);
    h.offer(h.reserved("a1", h.calls.reserved()));
    assertThat(h.uninstalled).containsExactly("web");
  }
}

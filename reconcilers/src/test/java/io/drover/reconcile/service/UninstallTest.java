package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.PlanStatus;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class UninstallTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");

  private Harness deployed() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 2, Specs.withVolume(Specs.task("db"), "data", 16))));
    h.offers();
    h.running("hello-0-server");
    h.offers();
    h.running("hello-1-server");
    return h;
  }

  @Test
  void uninstallKillsEverythingThenDestroysBeforeUnreservingThenIsDone() {
    Harness h = deployed();
    h.record = h.reconciler.uninstall(h.record, h.now);
    h.advance();
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.UNINSTALLING);
    List<PlanStatus> plans = ServiceReport.plans(h.record, h.pacing, h.waits, h.now);
    assertThat(plans).extracting(PlanStatus::name).containsExactly("uninstall");
    assertThat(h.killAndConfirm()).hasSize(2);
    assertThat(h.uninstalled).isEmpty();
    assertThat(h.wantsOffers).isTrue();

    int before = cluster.log().size();
    h.offers();
    List<Operation> ops = cluster.log().subList(before, cluster.log().size());
    // the instances were spread, one on a1 and one on a2: each agent's ACCEPT destroys its volume,
    // then unreserves everything
    assertThat(ops).extracting(Operation::getType)
        .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE, Operation.Type.DESTROY, Operation.Type.UNRESERVE);
    for (int i = 0; i < 4; i += 2) {
      assertThat(ops.get(i).getDestroy().getVolumesCount()).isEqualTo(1);
      assertThat(ops.get(i + 1).getUnreserve().getResourcesCount()).isEqualTo(3);
      assertThat(ops.get(i + 1).getUnreserve().getResourcesList()).noneMatch(r -> r.hasDisk() && r.getDisk().hasPersistence());
    }
    assertThat(cluster.reserved("a1")).isEmpty();
    assertThat(cluster.reserved("a2")).isEmpty();
    assertThat(h.uninstalled).hasValueSatisfying(u -> assertThat(u.forced()).isFalse());
    assertThat(cluster.free("a1", "disk")).isEqualTo(10000.0);
    assertThat(ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(0).status()).isEqualTo("COMPLETE");
  }

  @Test
  void aTeardownThatCannotFinishIsForceCompletedAfterTheTimeout() {
    Harness h = deployed();
    h.record = h.reconciler.uninstall(h.record, h.now);
    h.advance();
    assertThat(h.takeKills()).hasSize(2);
    // hello-1-server never confirms its kill, on an agent that stays registered
    h.status(cluster.update(h.task("hello-0-server").taskId(), TaskState.TASK_KILLED));
    h.offers("a1", "a2");
    assertThat(h.uninstalled).isEmpty();
    h.tick(Duration.ofMinutes(9));
    assertThat(h.uninstalled).isEmpty();
    h.tick(Duration.ofMinutes(1));
    assertThat(h.uninstalled).hasValueSatisfying(u -> {
      assertThat(u.forced()).isTrue();
      assertThat(u.message()).contains("force-completed", "1 task(s) not confirmed ended", "3 reservation(s) not released on [a2.example]");
    });
  }

  @Test
  void anUninstallAlsoReleasesReservationsOfTasksThatNeverRan() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.task("x"))));
    h.offers("a1");
    h.record = h.reconciler.uninstall(h.record, h.now);
    h.advance();
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.offers("a1");
    assertThat(cluster.reserved("a1")).isEmpty();
    assertThat(h.uninstalled).isPresent();
  }

  @Test
  void reservationsThatNeverExistedDoNotHoldAnUninstallBack() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.withVolume(Specs.task("x"), "data", 8))));
    h.offersLost("a1");
    h.record = h.reconciler.uninstall(h.record, h.now);
    h.advance();
    assertThat(h.takeKills()).hasSize(1);
    // Mesos never heard of the task: the kill is answered like a reconciliation
    h.status(org.apache.mesos.v1.Protos.TaskStatus.newBuilder().setTaskId(h.task("hello-0-server").taskId())
        .setState(TaskState.TASK_GONE).setSource(org.apache.mesos.v1.Protos.TaskStatus.Source.SOURCE_MASTER)
        .setReason(org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_RECONCILIATION).build());
    assertThat(h.uninstalled).hasValueSatisfying(u -> assertThat(u.forced()).isFalse());
    assertThat(h.wantsOffers).isFalse();
  }
}

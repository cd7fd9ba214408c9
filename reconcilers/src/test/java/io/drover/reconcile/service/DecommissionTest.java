package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.PlanStatus;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.junit.jupiter.api.Test;

class DecommissionTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2").agent("a3");
  private final io.drover.api.model.TaskSpec server = Specs.withVolume(Specs.task("serve"), "data", 16);

  @Test
  void scaleDownKillsTheHighestIndexesThenDestroysAndUnreserves() {
    Harness h = new Harness(cluster, Specs.target("c1", spread(3)));
    for (int i = 0; i < 3; i++) {
      h.offers();
      h.running("hello-" + i + "-server");
    }
    String agentOf2 = h.task("hello-2-server").agentId().getValue();
    String agentOf1 = h.task("hello-1-server").agentId().getValue();
    assertThat(agentOf1).isNotEqualTo(agentOf2);
    h.put(Specs.target("c2", spread(1)));
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.UPDATING);
    List<String> killed = h.killAndConfirm();
    assertThat(killed).containsExactlyInAnyOrder(
        h.task("hello-1-server").taskId().getValue(), h.task("hello-2-server").taskId().getValue());
    PlanStatus decommission = ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(2);
    assertThat(decommission.name()).isEqualTo("decommission");
    assertThat(decommission.phases().get(0).steps()).extracting(PlanStatus.StepStatus::message).containsOnly("releasing reservations");
    assertThat(h.wantsOffers).isTrue();

    int before = cluster.log().size();
    h.offers(agentOf2);
    assertThat(cluster.log().subList(before, cluster.log().size())).extracting(Operation::getType)
        .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE);
    assertThat(cluster.reserved(agentOf2)).isEmpty();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server", "hello-1-server");
    h.offers(agentOf1);
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server");
    assertThat(h.record.deployedSpecHash()).isEqualTo("c2");
    assertThat(ServiceReport.plans(h.record, h.pacing, h.waits, h.now)).hasSize(2);
    assertThat(h.wantsOffers).isFalse();
  }

  private io.drover.api.model.ServiceResource spread(int count) {
    return Specs.service("svc", Map.of("hello", Specs.pod(count, new io.drover.api.model.Placement(1, List.of()), Map.of("server", server))));
  }

  @Test
  void aTaskRemovedFromItsPodIsKilledAndReleasedWhileTheOtherKeepsRunning() {
    var both = Specs.service("svc", Map.of("hello", Specs.pod(1, Map.of("server", server, "sidecar", Specs.task("side")))));
    Harness h = new Harness(cluster, Specs.target("c1", both));
    h.offers();
    h.running("hello-0-server", "hello-0-sidecar");
    String serverId = h.task("hello-0-server").taskId().getValue();
    h.put(Specs.target("c2", Specs.hello("svc", 1, server)));
    assertThat(h.killAndConfirm()).containsExactly(h.task("hello-0-sidecar").taskId().getValue());
    h.offers();
    assertThat(h.record.tasks().keySet()).containsExactly("hello-0-server");
    assertThat(h.task("hello-0-server").taskId().getValue()).isEqualTo(serverId);
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
  }
}

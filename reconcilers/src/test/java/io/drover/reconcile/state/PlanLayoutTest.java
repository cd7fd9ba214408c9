package io.drover.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.PodSpec;
import io.drover.api.model.Strategy;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.testing.Specs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanLayoutTest {

  private static Map<String, PodSpec> twoPods() {
    Map<String, PodSpec> pods = new LinkedHashMap<>();
    pods.put("db", Specs.pod(2, Map.of("t", Specs.task("true"))));
    pods.put("web", Specs.pod(3, Map.of("t", Specs.task("true"))));
    return pods;
  }

  @Test
  void defaultPlanIsOneSerialPhasePerPodInDocumentOrder() {
    PlanLayout l = PlanLayout.of(Specs.service("s", twoPods()).spec(), PlanLayout.DEPLOY);
    assertThat(l.strategy()).isEqualTo(Strategy.SERIAL);
    assertThat(l.phases()).extracting(PlanLayout.Phase::name).containsExactly("db", "web");
    assertThat(l.eligible(id -> false)).containsExactly(InstanceId.of("db", 0));
    Set<InstanceId> done = Set.of(InstanceId.of("db", 0), InstanceId.of("db", 1));
    assertThat(l.eligible(done::contains)).containsExactly(InstanceId.of("web", 0));
  }

  @Test
  void parallelPhaseAndParallelPlanOpenEveryStep() {
    var spec = Specs.service("s", twoPods(), Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "db", "web")).spec();
    PlanLayout l = PlanLayout.of(spec, PlanLayout.DEPLOY);
    assertThat(l.eligible(id -> false)).containsExactly(InstanceId.of("db", 0), InstanceId.of("db", 1));
    var all = Specs.service("s", twoPods(), Specs.deployPlan(Strategy.PARALLEL, Strategy.PARALLEL, "db", "web")).spec();
    assertThat(PlanLayout.of(all, PlanLayout.DEPLOY).eligible(id -> false)).hasSize(5);
  }

  @Test
  void updateFallsBackToDeployAndUnmentionedPodsAreAppended() {
    var spec = Specs.service("s", twoPods(), Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "web")).spec();
    PlanLayout l = PlanLayout.of(spec, PlanLayout.UPDATE);
    assertThat(l.name()).isEqualTo("update");
    assertThat(l.phases()).extracting(PlanLayout.Phase::pod).containsExactly("web", "db");
    assertThat(l.phases().get(1).strategy()).isEqualTo(Strategy.SERIAL);
  }

  @Test
  void aRememberedLayoutBelongsToItsSpecAndPlanOnly() {
    var serial = Specs.service("s", twoPods()).spec();
    var parallel = Specs.service("s", twoPods(), Specs.deployPlan(Strategy.PARALLEL, Strategy.PARALLEL, "db", "web")).spec();
    assertThat(PlanLayout.of(serial, PlanLayout.DEPLOY).eligible(id -> false)).hasSize(1);
    assertThat(PlanLayout.of(parallel, PlanLayout.DEPLOY).eligible(id -> false)).hasSize(5);
    assertThat(PlanLayout.of(serial, PlanLayout.UPDATE).name()).isEqualTo("update");
    assertThat(PlanLayout.of(serial, PlanLayout.DEPLOY).name()).isEqualTo("deploy");
    assertThat(PlanLayout.of(serial, PlanLayout.DEPLOY).eligible(id -> false)).hasSize(1);
  }
}

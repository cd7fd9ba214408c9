package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Check;
import io.drover.api.model.Goal;
import io.drover.api.model.PhaseSpec;
import io.drover.api.model.PlanSpec;
import io.drover.api.model.PodExecutor;
import io.drover.api.model.PodSpec;
import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.Strategy;
import io.drover.api.model.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultsTest {

  private static ServiceResource loaded(String yaml) {
    return Docs.valid(yaml).resource();
  }

  @Test
  void taskAndPodDefaultsAreExplicit() {
    ServiceResource r = loaded(Docs.withTaskFields("ports: {http: {}}\nhealthCheck: {cmd: check}"));
    PodSpec pod = r.spec().pods().get("web");
    assertThat(pod.count()).isEqualTo(1);
    assertThat(pod.replaceAfterSeconds()).isEqualTo(300);
    assertThat(pod.placement().maxPerHost()).isNull();
    assertThat(pod.placement().rules()).isEmpty();
    assertThat(pod.executor()).isEqualTo(PodExecutor.COMMAND);
    TaskSpec task = pod.tasks().get("server");
    assertThat(task.goal()).isEqualTo(Goal.RUNNING);
    assertThat(task.disk()).isZero();
    assertThat(task.env()).isEmpty();
    assertThat(task.ports()).containsExactly(Map.entry("http", new PortSpec(0)));
    assertThat(task.killGracePeriodSeconds()).isEqualTo(5);
    assertThat(task.healthCheck()).isEqualTo(new Check("check", 10, 5, 30, 0, 3));
    assertThat(task.readinessCheck()).isNull();
    assertThat(task.volume()).isNull();
    assertThat(task.user()).isNull();
    assertThat(task.essential()).isTrue();
    assertThat(r.metadata().labels()).isEmpty();
    assertThat(r.metadata().annotations()).isEmpty();
  }

  @Test
  void explicitValuesAreKept() {
    ServiceResource r =
        loaded(
            Docs.withTaskFields(
                "goal: ONCE\n"
                    + "disk: 7\n"
                    + "killGracePeriodSeconds: 0\n"
                    + "healthCheck: {cmd: c, intervalSeconds: 1, timeoutSeconds: 2,"
                    + " gracePeriodSeconds: 3, delaySeconds: 4, maxConsecutiveFailures: 5}"));
    TaskSpec task = r.spec().pods().get("web").tasks().get("server");
    assertThat(task.goal()).isEqualTo(Goal.ONCE);
    assertThat(task.disk()).isEqualTo(7);
    assertThat(task.killGracePeriodSeconds()).isZero();
    assertThat(task.healthCheck()).isEqualTo(new Check("c", 1, 2, 3, 4, 5));
  }

  @Test
  void aGroupPodKeepsItsExecutorAndNonEssentialTasks() {
    ServiceResource r = loaded(Docs.inGroupPod(Docs.MINIMAL + "sidecar: {cmd: x, cpus: 0.1, memory: 8, essential: false}".indent(8)));
    PodSpec pod = r.spec().pods().get("web");
    assertThat(pod.executor()).isEqualTo(PodExecutor.DEFAULT);
    assertThat(pod.tasks().get("server").essential()).isTrue();
    assertThat(pod.tasks().get("sidecar").essential()).isFalse();
  }

  @Test
  void aPodWithAVolumeWaitsLongerForAnUnreachableAgentUnlessTold() {
    String withVolume = Docs.withTaskFields("volume: {path: data, sizeMiB: 8}");
    assertThat(loaded(withVolume).spec().pods().get("web").replaceAfterSeconds()).isEqualTo(3600);
    String told = withVolume.replace("web:\n", "web:\n      replaceAfterSeconds: 60\n");
    assertThat(loaded(told).spec().pods().get("web").replaceAfterSeconds()).isEqualTo(60);
    assertThat(Services.specHash(loaded(withVolume.replace("web:\n", "web:\n      replaceAfterSeconds: 3600\n"))))
        .as("the default written out is the same spec")
        .isEqualTo(Services.specHash(loaded(withVolume)));
  }

  @Test
  void theDefaultDeployPlanIsASerialPhasePerPodInDocumentOrder() {
    ServiceResource r =
        loaded(
            MINIMAL.replace(
                "  pods:\n",
                """
                  pods:
                    zeta:
                      tasks: {t: {cmd: x, cpus: 1, memory: 1}}
                    alpha:
                      tasks: {t: {cmd: x, cpus: 1, memory: 1}}
                """));
    PlanSpec deploy = r.spec().plans().get("deploy");
    assertThat(deploy.strategy()).isEqualTo(Strategy.SERIAL);
    assertThat(deploy.phases())
        .containsExactly(
            Map.entry("zeta", new PhaseSpec("zeta", Strategy.SERIAL)),
            Map.entry("alpha", new PhaseSpec("alpha", Strategy.SERIAL)),
            Map.entry("web", new PhaseSpec("web", Strategy.SERIAL)));
    assertThat(r.spec().plans().get("update")).isEqualTo(deploy);
    assertThat(r.spec().plans().keySet()).containsExactly("deploy", "update");
  }

  @Test
  void writtenPlansGetStrategyDefaultsAndUpdateFollowsDeploy() {
    ServiceResource r =
        loaded(MINIMAL + "  plans: {deploy: {phases: {w: {pod: web, strategy: parallel}}}}\n");
    PlanSpec deploy = r.spec().plans().get("deploy");
    assertThat(deploy)
        .isEqualTo(
            new PlanSpec(Strategy.SERIAL, Map.of("w", new PhaseSpec("web", Strategy.PARALLEL))));
    assertThat(r.spec().plans().get("update")).isEqualTo(deploy);

    ServiceResource both =
        loaded(MINIMAL + "  plans: {update: {strategy: parallel, phases: {u: {pod: web}}}}\n");
    assertThat(both.spec().plans().get("deploy").phases()).containsOnlyKeys("web");
    assertThat(both.spec().plans().get("update"))
        .isEqualTo(
            new PlanSpec(Strategy.PARALLEL, Map.of("u", new PhaseSpec("web", Strategy.SERIAL))));
  }

  @Test
  void defaultingIsIdempotentAndToleratesMissingParts() {
    ServiceResource r = loaded(Docs.withTaskFields("ports: {a: {}}\nreadinessCheck: {cmd: r}"));
    assertThat(Services.withDefaults(r)).isEqualTo(r);
    ServiceResource bare = Services.withDefaults(new ServiceResource(null, null, null, null));
    assertThat(bare.spec().pods()).isEmpty();
    assertThat(bare.spec().plans().get("deploy").phases()).isEmpty();
    assertThat(bare.metadata().labels()).isEmpty();
    assertThat(List.copyOf(bare.spec().plans().keySet())).containsExactly("deploy", "update");
  }
}

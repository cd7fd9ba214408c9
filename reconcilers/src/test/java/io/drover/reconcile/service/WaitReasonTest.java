package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Goal;
import io.drover.api.model.Placement;
import io.drover.api.model.PlacementRule;
import io.drover.api.model.PortSpec;
import io.drover.api.model.Strategy;
import io.drover.api.model.TaskSpec;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.PlanStatus.StepStatus;
import io.drover.reconcile.offer.OfferPools;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/** Why a step waits for an offer: one test per constraint, from the offers the rounds saw. */
class WaitReasonTest {
  private static final String WAITING = "waiting for an offer that fits: ";

  private static ScriptedCluster threeAgents() {
    return new ScriptedCluster().agent("a1").agent("a2").agent("a3");
  }

  private static StepStatus deployStep(Harness h, int index) {
    PlanStatus deploy = ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(0);
    return deploy.phases().get(0).steps().get(index);
  }

  private static StepStatus recoveryStep(Harness h) {
    PlanStatus recovery = ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(1);
    return recovery.phases().get(0).steps().get(0);
  }

  private static Harness oneInstance(ScriptedCluster cluster, TaskSpec task) {
    return new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, task)));
  }

  private static TaskSpec withDisk(TaskSpec t, int disk) {
    return new TaskSpec(t.goal(), t.cmd(), t.cpus(), t.memory(), disk, t.ports(), t.env(), t.healthCheck(),
        t.readinessCheck(), t.volume(), t.killGracePeriodSeconds(), t.user());
  }

  @Test
  void cpusNamesTheLargestOfferAndHowManyAgentsWereConsidered() {
    ScriptedCluster cluster = new ScriptedCluster()
        .agent("a1", "a1.example", 1.5, 4096, 10000, 31000, 31099)
        .agent("a2", "a2.example", 1.0, 4096, 10000, 31000, 31099)
        .agent("a3", "a3.example", 0.5, 4096, 10000, 31000, 31099);
    Harness h = oneInstance(cluster, Specs.withCpus(Specs.task("x"), 2.0));
    h.offers();

    StepStatus step = deployStep(h, 0);
    assertThat(step.message()).isEqualTo(WAITING + "needs cpus 2.0, largest offer has 1.5 (a1.example), 3 agents");
    assertThat(step.reason()).isEqualTo("cpus");
    assertThat(h.record.tasks()).isEmpty();
  }

  @Test
  void memory() {
    Harness h = oneInstance(threeAgents(), Specs.withMemory(Specs.task("x"), 8192));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo(WAITING + "needs memory 8192 MiB, largest offer has 4096 MiB (a1.example), 3 agents");
    assertThat(deployStep(h, 0).reason()).isEqualTo("memory");
  }

  @Test
  void disk() {
    Harness h = oneInstance(threeAgents(), withDisk(Specs.task("x"), 20000));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo(WAITING + "needs disk 20000 MiB, largest offer has 10000 MiB (a1.example), 3 agents");
    assertThat(deployStep(h, 0).reason()).isEqualTo("disk");
  }

  @Test
  void aFixedPortNoAgentOffers() {
    Harness h = oneInstance(threeAgents(), Specs.withPorts(Specs.task("x"), Map.of("http", 8080)));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo(WAITING + "needs port 8080, not offered by a1.example, a2.example, a3.example, 3 agents");
    assertThat(deployStep(h, 0).reason()).isEqualTo("ports");
  }

  @Test
  void tooFewPorts() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1", "a1.example", 4, 4096, 10000, 31000, 31000);
    Harness h = oneInstance(cluster, Specs.withPorts(Specs.task("x"), Map.of("http", PortSpec.ANY, "admin", PortSpec.ANY)));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo(WAITING + "needs 2 port(s), largest offer has 1 (a1.example), 1 agent");
  }

  @Test
  void aVolumeTooLargeForTheDisk() {
    Harness h = oneInstance(threeAgents(), Specs.withVolume(Specs.task("x"), "data", 20000));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo(
        WAITING + "needs disk 20000 MiB with its persistent volume, largest offer has 10000 MiB (a1.example), 3 agents");
    assertThat(deployStep(h, 0).reason()).isEqualTo("volume");
  }

  @Test
  void maxPerHost() {
    ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
    var r = Specs.service("svc", Map.of("hello", Specs.pod(3, new Placement(1, List.of()), Map.of("server", Specs.task("x")))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();

    assertThat(h.record.tasks()).hasSize(2);
    assertThat(deployStep(h, 2).message()).isEqualTo(WAITING + "maxPerHost 1 reached on a1.example, a2.example, 2 agents");
    assertThat(deployStep(h, 2).reason()).isEqualTo("maxPerHost");
  }

  @Test
  void aPlacementRule() {
    Placement rule = new Placement(null, List.of(new PlacementRule("rack", PlacementRule.Operator.LIKE, "r2")));
    ScriptedCluster cluster = new ScriptedCluster()
        .agent("a1", "a1.example", 4, 4096, 10000, 31000, 31099, ScriptedCluster.text("rack", "r1"))
        .agent("a2", "a2.example", 4, 4096, 10000, 31000, 31099);
    Harness h = new Harness(cluster, Specs.target("c1",
        Specs.service("svc", Map.of("hello", Specs.pod(1, rule, Map.of("server", Specs.task("x")))))));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo(WAITING + "the placement rule rack LIKE r2 excludes a1.example, a2.example, 2 agents");
    assertThat(deployStep(h, 0).reason()).isEqualTo("placement");
  }

  @Test
  void agentsHeldBackForDifferentReasonsAreCountedByReason() {
    ScriptedCluster cluster = new ScriptedCluster()
        .agent("a1", "a1.example", 4, 4096, 10000, 31000, 31099)
        .agent("a2", "a2.example", 0.5, 4096, 10000, 31000, 31099)
        .agent("a3", "a3.example", 0.5, 4096, 10000, 31000, 31099);
    var r = Specs.service("svc", Map.of("hello", Specs.pod(2, new Placement(1, List.of()),
        Map.of("server", Specs.withCpus(Specs.task("x"), 1.0)))),
        Specs.deployPlan(Strategy.SERIAL, Strategy.PARALLEL, "hello"));
    Harness h = new Harness(cluster, Specs.target("c1", r));
    h.offers();

    assertThat(deployStep(h, 1).message()).isEqualTo(
        WAITING + "needs cpus 1.0, largest offer has 0.5 (a2.example); 3 agents: 2 short of cpus, 1 at maxPerHost");
    assertThat(deployStep(h, 1).reason()).isEqualTo("cpus");
  }

  @Test
  void agentsThatOfferInDifferentRoundsAreAllCounted() {
    Harness h = oneInstance(threeAgents(), Specs.withCpus(Specs.task("x"), 8));
    h.offers("a1");
    h.tick(Duration.ofSeconds(1));
    h.offers("a2");

    assertThat(deployStep(h, 0).message()).endsWith(", 2 agents");
    h.tick(Duration.ofSeconds(30));
    h.offers("a3");
    assertThat(deployStep(h, 0).message()).as("a1's verdict is too old to count").endsWith(", 2 agents");
  }

  @Test
  void aRelaunchInPlaceWaitsForItsOwnAgent() {
    Harness h = oneInstance(threeAgents(), Specs.task("x"));
    h.offers("a1");
    h.running("hello-0-server");
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.tick(Duration.ofSeconds(3));
    h.offers("a2", "a3");

    assertThat(recoveryStep(h).message()).isEqualTo(
        WAITING + "waiting for a1.example to offer its reservations (the instance relaunches in place)");
    assertThat(recoveryStep(h).reason()).isEqualTo("agent");
  }

  @Test
  void aRelaunchInPlaceWaitsForItsVolumeToBeOffered() {
    Harness h = oneInstance(threeAgents(), Specs.withVolume(Specs.task("x"), "data", 100));
    h.offers("a1");
    h.running("hello-0-server");
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.tick(Duration.ofSeconds(3));
    List<Offer> withoutVolume = h.cluster.offers("a1").stream()
        .map(o -> o.toBuilder().clearResources().addAllResources(o.getResourcesList().stream()
            .filter(res -> !res.hasDisk() || !res.getDisk().hasPersistence()).toList()).build())
        .toList();
    Decisions.Offers d = h.reconciler.offers(h.record, h.pacing, OfferPools.of(withoutVolume), h.now);
    h.waits = h.waits.after(d.waits(), h.now);

    assertThat(d.record().tasks().get("hello-0-server").condition().terminal()).isTrue();
    assertThat(recoveryStep(h).message()).isEqualTo(
        WAITING + "the persistent volume of hello-0-server is not offered by a1.example");
    assertThat(recoveryStep(h).reason()).isEqualTo("reservation");
  }

  @Test
  void beforeAnyOfferNoAgentHasOffered() {
    Harness h = oneInstance(threeAgents(), Specs.task("x"));

    assertThat(deployStep(h, 0).message()).startsWith(WAITING + "no agent has offered resources to this scheduler yet");
    assertThat(deployStep(h, 0).reason()).isEqualTo("noAgent");
  }

  @Test
  void aStepThatBeginsWaitingBetweenRoundsHasSeenNoOfferYetAndOldVerdictsExpire() {
    Harness h = new Harness(threeAgents(), Specs.target("c1", Specs.hello("svc", 2, Specs.task("x"))));
    h.offers();
    h.running("hello-0-server");

    assertThat(deployStep(h, 1).message()).isEqualTo(WAITING + "no offer has come since it began waiting");
    assertThat(deployStep(h, 1).reason()).isEqualTo("noOffer");

    Harness big = oneInstance(threeAgents(), Specs.withCpus(Specs.task("x"), 8));
    big.offers();
    big.tick(Duration.ofSeconds(31));
    assertThat(deployStep(big, 0).message()).isEqualTo(WAITING + "no agent has offered in the last 30s");
  }

  @Test
  void aStepThatDoesNotWaitForAnOfferHasNoReason() {
    Harness h = oneInstance(threeAgents(), Specs.withGoal(Specs.task("x"), Goal.RUNNING));
    h.offers();

    assertThat(deployStep(h, 0).message()).isEqualTo("hello-0-server is launching");
    assertThat(deployStep(h, 0).reason()).isNull();
  }
}

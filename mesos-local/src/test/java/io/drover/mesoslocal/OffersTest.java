package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offers, filters, SUPPRESS/REVIVE and the ways an ACCEPT can fail, in no-process mode for speed. */
class OffersTest {

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder()
        .agents(2)
        .agentAttributes(i -> Map.of("rack", "r" + i))
        .noProcess(true)
        .heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100))
        .start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void oneOfferPerAgentWithAllocationInfoHostnameAndAttributes() {
    FrameworkInfo info = TestScheduler.framework("offers").addRoles("*")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .build();
    try (TestScheduler s = TestScheduler.subscribe(cluster, info)) {
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= 2);
      List<Offer> offers = s.offers();
      assertThat(offers).extracting(o -> o.getAgentId().getValue()).doesNotHaveDuplicates();
      assertThat(offers).extracting(Offer::getHostname).containsExactlyInAnyOrder("agent-0.local", "agent-1.local");
      assertThat(offers).allSatisfy(o -> {
        assertThat(o.getAgentId().getValue()).matches(cluster.state().masterId() + "-S[01]");
        assertThat(o.getAllocationInfo().getRole()).isEqualTo("*");
        assertThat(o.getResourcesList()).allSatisfy(r -> assertThat(r.getAllocationInfo().getRole()).isEqualTo("*"));
        assertThat(o.getAttributes(0).getName()).isEqualTo("rack");
        assertThat(Resources.of(o.getResourcesList()).scalar("cpus")).isEqualTo(4.0);
      });
    }
  }

  @Test
  @SuppressWarnings("deprecation") // Resource.role is what frameworks without RESERVATION_REFINEMENT read.
  void frameworksWithoutMultiRoleOrRefinementGetOffersInTheirOldFormat() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("legacy").build())) {
      Offer offer = s.awaitOffer();
      assertThat(offer.hasAllocationInfo()).isFalse();
      assertThat(offer.getResourcesList()).allSatisfy(r -> {
        assertThat(r.hasAllocationInfo()).isFalse();
        assertThat(r.getReservationsList()).isEmpty();
        assertThat(r.getRole()).isEqualTo("*");
      });
      // Resources written from such an offer are allocated by the master, so the task runs.
      s.launch(offer, TestScheduler.task("legacy-task", offer, "true", 0.1, 32));
      s.awaitUpdate("legacy-task", TaskState.TASK_STARTING);
    }
  }

  @Test
  void multiRoleFrameworksGetOneOfferPerRole() {
    FrameworkInfo info = TestScheduler.framework("roles")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addRoles("web").addRoles("db").build();
    try (TestScheduler s = TestScheduler.subscribe(cluster, info)) {
      Offer first = s.awaitOffer();
      // Unreserved resources go to one role at a time; declining them lets the other role have them.
      s.decline(first, 60);
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().stream()
          .filter(o -> o.getAgentId().equals(first.getAgentId()))
          .map(o -> o.getAllocationInfo().getRole()).collect(Collectors.toSet()).size() == 2);
      assertThat(s.offers()).extracting(o -> o.getAllocationInfo().getRole()).contains("web", "db");
    }
  }

  @Test
  void declinedResourcesAreRefusedForRefuseSecondsThenOfferedAgain() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("decline").build())) {
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= 2);
      Offer offer = s.offers().get(0);
      s.decline(offer, 3);
      long sameAgent = count(s, offer);
      await().during(Duration.ofMillis(1500)).atMost(Duration.ofMillis(2500)).until(() -> count(s, offer) == sameAgent);
      await().atMost(TestScheduler.WAIT).until(() -> count(s, offer) == sameAgent + 1);
    }
  }

  private static long count(TestScheduler s, Offer like) {
    return s.offers().stream().filter(o -> o.getAgentId().equals(like.getAgentId())).count();
  }

  @Test
  void suppressStopsOffersAndReviveRestartsThem() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("suppress").build())) {
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= 2);
      s.call(Call.newBuilder().setType(Call.Type.SUPPRESS));
      s.offers().forEach(o -> s.decline(o, 0));
      s.sync();
      int seen = s.offers().size();
      await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> s.offers().size() == seen);
      s.call(Call.newBuilder().setType(Call.Type.REVIVE));
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= seen + 2);
    }
  }

  @Test
  void aSuppressNamingARoleNotTheFrameworksIsDroppedWhole() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("foreign").build())) {
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= 2);
      s.call(Call.newBuilder().setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder()
          .addRoles("*").addRoles("not-mine")));
      int seen = s.offers().size();
      s.offers().forEach(o -> s.decline(o, 0));
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= seen + 2);
    }
  }

  @Test
  void subscribeWithSuppressedRolesGetsNoOffers() {
    Call.Subscribe subscribe = Call.Subscribe.newBuilder()
        .setFrameworkInfo(TestScheduler.framework("suppressed")).addSuppressedRoles("*").build();
    try (TestScheduler s = TestScheduler.openWith(cluster.url(), subscribe)) {
      s.await(e -> e.getType() == Event.Type.SUBSCRIBED);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> s.offers().isEmpty());
    }
  }

  @Test
  void acceptWithUnknownOfferLosesTheTasksWithoutUuid() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("lost").build())) {
      Offer offer = s.awaitOffer();
      Offer bogus = offer.toBuilder().setId(OfferID.newBuilder().setValue("no-such-offer")).build();
      s.launch(bogus, TestScheduler.task("t-lost", offer, "true", 0.1, 32));
      TaskStatus lost = s.awaitUpdate("t-lost", TaskState.TASK_LOST);
      assertThat(lost.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
      assertThat(lost.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
      assertThat(lost.hasUuid()).isFalse();
      assertThat(lost.getMessage()).isEqualTo("Task launched with invalid offers: Offer no-such-offer is no longer valid");
    }
  }

  @Test
  void acceptWithAUsedOfferDropsTheTasksOfPartitionAwareFrameworks() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("dropped").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("t-first", offer, "true", 0.1, 32));
      s.launch(offer, TestScheduler.task("t-second", offer, "true", 0.1, 32));
      TaskStatus dropped = s.awaitUpdate("t-second", TaskState.TASK_DROPPED);
      assertThat(dropped.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
      assertThat(dropped.hasUuid()).isFalse();
      s.awaitUpdate("t-first", TaskState.TASK_RUNNING);
    }
  }

  @Test
  void invalidTasksGetTaskError() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("invalid").build())) {
      Offer offer = s.awaitOffer();
      s.launch(offer,
          TestScheduler.task("too-big", offer, "true", 64, 32),
          TestScheduler.task("bad/id", offer, "true", 0.1, 32));
      TaskStatus tooBig = s.awaitUpdate("too-big", TaskState.TASK_ERROR);
      assertThat(tooBig.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
      assertThat(tooBig.getMessage()).contains("is more than available");
      assertThat(s.awaitUpdate("bad/id", TaskState.TASK_ERROR).getMessage()).contains("invalid characters");
    }
  }

  @Test
  void tasksFailingTheMastersOtherChecksGetTaskErrorWithItsMessage() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("checked").build())) {
      Offer offer = s.awaitOffer();
      TaskInfo ok = TestScheduler.task("ok", offer, "true", 0.1, 32);
      Resource otherRole = TestScheduler.scalar("mem", 32, offer).toBuilder()
          .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole("other")).build();
      s.launch(offer,
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("negative-grace"))
              .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(-1))).build(),
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("check-without-command"))
              .setCheck(CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND)).build(),
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("health-without-value"))
              .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
                  .setCommand(CommandInfo.getDefaultInstance())).build(),
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("negative-cpus"))
              .setResources(0, TestScheduler.scalar("cpus", -1, offer)).build(),
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("two-roles")).setResources(1, otherRole).build(),
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("wrong-agent"))
              .setAgentId(AgentID.newBuilder().setValue("elsewhere")).build(),
          ok.toBuilder().setTaskId(TaskID.newBuilder().setValue("env-without-value"))
              .setCommand(CommandInfo.newBuilder().setValue("true").setEnvironment(Environment.newBuilder()
                  .addVariables(Environment.Variable.newBuilder().setName("X")))).build());
      assertThat(s.awaitUpdate("negative-grace", TaskState.TASK_ERROR).getMessage())
          .isEqualTo("Task's 'kill_policy.grace_period' must be non-negative");
      assertThat(s.awaitUpdate("check-without-command", TaskState.TASK_ERROR).getMessage())
          .isEqualTo("Task uses invalid check: Expecting 'command' to be set for COMMAND check");
      assertThat(s.awaitUpdate("health-without-value", TaskState.TASK_ERROR).getMessage())
          .isEqualTo("Task uses invalid health check: Command health check must contain 'shell command'");
      assertThat(s.awaitUpdate("negative-cpus", TaskState.TASK_ERROR).getMessage())
          .endsWith("is invalid: Invalid scalar resource: value <= 0");
      assertThat(s.awaitUpdate("two-roles", TaskState.TASK_ERROR).getMessage())
          .startsWith("Invalid task resources: The resources have multiple allocation roles");
      assertThat(s.awaitUpdate("wrong-agent", TaskState.TASK_ERROR).getMessage())
          .isEqualTo("Task uses invalid agent elsewhere while agent " + offer.getAgentId().getValue() + " is expected");
      assertThat(s.awaitUpdate("env-without-value", TaskState.TASK_ERROR).getMessage())
          .isEqualTo("Task's `CommandInfo` is invalid: Environment variable 'X' of type 'VALUE' must have a value set");
    }
  }

  @Test
  void acceptedOffersLeftoversAreFilteredLikeADecline() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("leftover").build())) {
      s.autoAck = true;
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= 2);
      Offer offer = s.offers().get(0);
      s.launch(offer, Filters.newBuilder().setRefuseSeconds(60).build(), TestScheduler.task("t-left", offer, "true", 1, 32));
      s.awaitUpdate("t-left", TaskState.TASK_RUNNING);
      long before = count(s, offer);
      await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> count(s, offer) == before);
      s.call(Call.newBuilder().setType(Call.Type.REVIVE));
      await().atMost(TestScheduler.WAIT).until(() -> count(s, offer) == before + 1);
      Offer again = s.offers().stream().filter(o -> o.getAgentId().equals(offer.getAgentId())).reduce((a, b) -> b).orElseThrow();
      assertThat(Resources.of(again.getResourcesList()).scalar("cpus")).isEqualTo(3.0);
    }
  }

  @Test
  void stoppingAnAgentRescindsItsOffersAndReportsFailure() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("rescind").build())) {
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= 2);
      Offer offer = s.offers().get(0);
      cluster.faults().stopAgent(offer.getAgentId().getValue());
      Event rescind = s.await(e -> e.getType() == Event.Type.RESCIND);
      assertThat(rescind.getRescind().getOfferId()).isEqualTo(offer.getId());
      assertThat(s.await(e -> e.getType() == Event.Type.FAILURE).getFailure().getAgentId()).isEqualTo(offer.getAgentId());
      Set<String> connected = cluster.state().agents().stream().filter(ClusterState.Agent::connected)
          .map(ClusterState.Agent::id).collect(Collectors.toSet());
      assertThat(connected).doesNotContain(offer.getAgentId().getValue());
    }
  }
}

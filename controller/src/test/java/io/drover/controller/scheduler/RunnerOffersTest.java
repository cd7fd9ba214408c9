package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.PlanStatus;
import io.drover.reconcile.service.ObservedService;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Offers through the real runner: in-memory store, recorded calls, manual time, no threads. */
class RunnerOffersTest {
  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anOfferIsAcceptedWithTheLaunchOnlyAfterTheLaunchIsStored() throws Exception {
    h.start();
    h.subscribe();
    assertThat(h.put(service("web", 1), 1)).isCompleted();
    h.journal.clear();

    h.offer(h.unreserved("a1"));

    assertThat(h.journal).containsExactly("save web", "ACCEPT [RESERVE, LAUNCH]");
    TaskInfo launched = h.calls.launched().get(0);
    assertThat(launched.getTaskId().getValue()).startsWith("web__app-0-server__");
    assertThat(h.calls.accepts.get(0).offerIds()).extracting(id -> id.getValue()).containsExactly("offer-1");
    assertThat(h.calls.accepts.get(0).filters().getRefuseSeconds()).isEqualTo(RunnerHarness.SETTINGS.shortDecline().toSeconds());
    assertThat(h.store.get("web").orElseThrow().tasks().get("app-0-server").taskId()).isEqualTo(launched.getTaskId());
    assertThat(h.service("web").tasks()).singleElement().satisfies(t -> assertThat(t.taskId()).isEqualTo(launched.getTaskId().getValue()));
  }

  @Test
  void offersNobodyWantsAreDeclinedForLong() throws Exception {
    h.start();
    h.subscribe();

    h.offer(h.unreserved("a1"), h.unreserved("a2"));

    assertThat(h.calls.accepts).isEmpty();
    assertThat(h.calls.declines).singleElement().satisfies(d -> {
      assertThat(d.offerIds()).hasSize(2);
      assertThat(d.filters().getRefuseSeconds()).isEqualTo(RunnerHarness.SETTINGS.longDecline().toSeconds());
    });
  }

  @Test
  void offersTooSmallForPendingWorkAreDeclinedShort() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("big", 1, 8), 1);

    h.offer(h.unreserved("a1"), h.unreserved("a2"));

    assertThat(h.calls.accepts).isEmpty();
    assertThat(h.calls.declines).singleElement().satisfies(d -> {
      assertThat(d.offerIds()).hasSize(2);
      assertThat(d.filters().getRefuseSeconds()).isEqualTo(RunnerHarness.SETTINGS.shortDecline().toSeconds());
    });
  }

  @Test
  void aStepWaitingForAnOfferSaysWhatTheOffersLackedAndALaterServiceStartsFromTheRoundsSeen() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("big", 1, 8), 1);
    assertThat(waitingStep("big").reason()).isEqualTo("noAgent");

    h.offer(h.unreserved("a1"), h.unreserved("a2"));

    PlanStatus.StepStatus step = waitingStep("big");
    assertThat(step.reason()).isEqualTo("cpus");
    assertThat(step.message()).isEqualTo("waiting for an offer that fits: needs cpus 8.0, largest offer has 4.0 (a1.example), 2 agents");
    h.put(service("later", 1, 8), 1);
    assertThat(waitingStep("later").reason()).isEqualTo("noOffer");
  }

  private PlanStatus.StepStatus waitingStep(String service) {
    return h.service(service).plans().get(0).phases().get(0).steps().get(0);
  }

  @Test
  void offersWhileNoSubscriptionIsUpAreDeclinedAndLaunchNothing() throws Exception {
    h.start();
    h.put(service("web", 1), 1);
    h.journal.clear();

    h.offer(h.unreserved("a1"));

    assertThat(h.journal).containsExactly("DECLINE 1s");
    assertThat(h.store.get("web").orElseThrow().tasks()).isEmpty();
  }

  @Test
  void aLaunchThatCannotBeStoredIsNotSentAndTheOfferIsDeclined() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("web", 1), 1);
    h.store.failWrites(new IllegalStateException("ZooKeeper is away"));
    h.journal.clear();

    h.offer(h.unreserved("a1"));

    assertThat(h.journal).containsExactly("DECLINE 1s");
    assertThat(h.store.get("web").orElseThrow().tasks()).isEmpty();
    assertThat(h.service("web").tasks()).isEmpty();
    assertThat(h.service("web").lifecycle()).isEqualTo(ObservedService.Lifecycle.DEPLOYING);

    h.store.failWrites(null);
    h.offer(h.unreserved("a1"));
    assertThat(h.calls.operations(Operation.Type.LAUNCH)).hasSize(1);
    assertThat(h.journal.subList(1, h.journal.size())).containsExactly("save web", "ACCEPT [RESERVE, LAUNCH]");
  }

  @Test
  void eachServiceGetsWhatTheOthersLeftInOneAcceptPerAgent() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("api", 1), 1);
    h.put(service("web", 1), 1);
    h.journal.clear();

    h.offer(h.unreserved("a1"));

    assertThat(h.journal).containsExactly("save api", "save web", "ACCEPT [RESERVE, LAUNCH, RESERVE, LAUNCH]");
    assertThat(h.calls.launched()).extracting(t -> t.getTaskId().getValue().split("__")[0]).containsExactlyInAnyOrder("api", "web");
    assertThat(List.of(h.service("api"), h.service("web"))).allSatisfy(s -> assertThat(s.tasks()).hasSize(1));
  }

  @Test
  void aServiceWhoseRecordCannotBeStoredDoesNotHoldBackTheOthers() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("api", 1), 1);
    h.put(service("web", 1), 1);
    h.store.failWritesOf("web", new IllegalStateException("ZooKeeper refused the request"));
    h.journal.clear();

    h.offer(h.unreserved("a1"));

    // web still wants offers: the revive it gained while api's revive's offers were outstanding follows the round
    assertThat(h.journal).containsExactly("save api", "ACCEPT [RESERVE, LAUNCH]", "REVIVE");
    assertThat(h.calls.launched()).extracting(t -> t.getTaskId().getValue().split("__")[0]).containsExactly("api");
    assertThat(h.service("web").tasks()).isEmpty();

    h.store.failWritesOf("web", null);
    h.offer(h.unreserved("a1"));
    assertThat(h.service("web").tasks()).hasSize(1);
  }

  @Test
  void anIdleServiceKeepsItsOfferedReservationsWhileAnotherLaunches() throws Exception {
    h.start();
    h.subscribe();
    h.put(service("db", 1), 1);
    h.offer(h.unreserved("a1"));
    h.update(h.calls.launched().get(0), TaskState.TASK_RUNNING);
    assertThat(h.service("db").lifecycle()).isEqualTo(ObservedService.Lifecycle.RUNNING);
    List<Resource> dbReservations = h.calls.reserved();
    h.put(service("web", 1), 1);
    h.journal.clear();

    // db is idle but its reservations are offered: it takes part, uses nothing and releases nothing
    h.offer(h.reserved("a1", dbReservations), h.unreserved("a2"));

    assertThat(h.journal).containsExactly("save web", "ACCEPT [RESERVE, LAUNCH]", "DECLINE 300s");
    assertThat(h.calls.operations(Operation.Type.UNRESERVE)).isEmpty();
    assertThat(h.service("db").lifecycle()).isEqualTo(ObservedService.Lifecycle.RUNNING);
    assertThat(h.service("web").tasks()).singleElement().satisfies(t -> assertThat(t.agentId()).isEqualTo("a2"));
  }
}

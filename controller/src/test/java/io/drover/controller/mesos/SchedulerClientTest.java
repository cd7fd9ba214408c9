package io.drover.controller.mesos;

import static io.drover.controller.mesos.ClientHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.mesoslocal.ClusterState;
import io.drover.mesoslocal.MesosLocal;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against mesos-local over real HTTP, with real task processes. */
class SchedulerClientTest {

  private ClientHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new ClientHarness();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private static TaskID taskId(String id) {
    return TaskID.newBuilder().setValue(id).build();
  }

  private String storedFrameworkId() throws Exception {
    return new String(harness.curator.getData().forPath("/drover/scheduler/framework-id"), StandardCharsets.UTF_8);
  }

  private static String taskState(MesosLocal mesos, String taskId) {
    return mesos.state().task(taskId).map(ClusterState.Task::state).orElse("absent");
  }

  private static Offer firstOffer(ClientHarness.Client client) {
    await().atMost(WAIT).until(() -> !client.listener().offers().isEmpty());
    return client.listener().offers().get(0);
  }

  private static void launchRunning(ClientHarness.Client client, String taskId) {
    Offer offer = firstOffer(client);
    Launches.launchOn(client.client().calls(), offer, taskId, "sleep 60");
    await().atMost(WAIT).until(() -> client.listener().sawState(taskId, TaskState.TASK_RUNNING));
  }

  @Test
  void subscribesStoresTheFrameworkIdAndTakesOffers() throws Exception {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b);

    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 1);
    FrameworkID id = c.listener().subscriptions.get(0);
    assertThat(c.client().frameworkId()).contains(id);
    assertThat(c.client().isSubscribed()).isTrue();
    assertThat(storedFrameworkId()).isEqualTo(id.getValue());
    assertThat(mesos.state().framework(id.getValue())).hasValueSatisfying(f -> {
      assertThat(f.connected()).isTrue();
      assertThat(f.roles()).containsExactly("drover-test");
    });
    await().atMost(WAIT).until(() -> c.listener().reconciliations.get() == 1);

    Offer offer = firstOffer(c);
    c.client().calls().decline(List.of(offer.getId()), Filters.newBuilder().setRefuseSeconds(0.1).build());
    await().atMost(WAIT).until(() -> c.calls("DECLINE", "accepted") == 1);
    await().atMost(WAIT).until(() -> c.listener().offers().stream().anyMatch(o -> !o.getId().equals(offer.getId())));
    assertThat(c.events("SUBSCRIBED")).isEqualTo(1);
    assertThat(c.events("OFFERS")).isGreaterThanOrEqualTo(2);
    assertThat(c.registry().get("drover.mesos.subscribed").gauge().value()).isEqualTo(1);
    assertThat(c.registry().get("drover.mesos.heartbeat.age").timeGauge().value(TimeUnit.SECONDS)).isLessThan(30);
  }

  @Test
  void launchesAcknowledgesUpdatesAndKills() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b);

    Offer offer = firstOffer(c);
    launchRunning(c, "sleeper");

    assertThat(c.calls("ACCEPT", "accepted")).isEqualTo(1);
    assertThat(c.listener().updates("sleeper")).allSatisfy(s -> assertThat(s.hasUuid()).isTrue());
    await().atMost(WAIT).until(() -> c.calls("ACKNOWLEDGE", "accepted")
        >= c.listener().updates("sleeper").size());
    assertThat(taskState(mesos, "sleeper")).isEqualTo("TASK_RUNNING");

    c.client().calls().kill(taskId("sleeper"), offer.getAgentId());

    await().atMost(WAIT).until(() -> c.listener().sawState("sleeper", TaskState.TASK_KILLED));
    await().atMost(WAIT).until(() -> !taskState(mesos, "sleeper").equals("TASK_RUNNING"));
    assertThat(c.calls("KILL", "accepted")).isEqualTo(1);
    assertThat(c.calls("ACKNOWLEDGE", "rejected")).isZero();
  }

  @Test
  void callsAreSentOnTheClientsOwnThreadsNotOnANewThreadEach() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b);
    await().atMost(WAIT).until(() -> c.client().isSubscribed());
    int calls = 300;
    long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

    for (int i = 0; i < calls; i++) {
      c.client().calls().reconcile(List.of());
    }

    await().atMost(WAIT).until(() -> c.calls("RECONCILE", "accepted") >= calls);
    // sendAsync completed each call on a thread of its own when the common pool has one thread
    // (two cores): 300 calls started 300 threads.
    long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore;
    assertThat(started).isLessThan(calls / 10);
  }

  @Test
  void reconcilesKnownTasksExplicitlyAndThenImplicitly() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client first = harness.startedClient(mesos.url(), b -> b);
    launchRunning(first, "kept");
    AgentID agent = first.listener().updates("kept").get(0).getAgentId();
    FrameworkID id = first.listener().subscriptions.get(0);
    first.client().close();

    Map<TaskID, AgentID> known = new HashMap<>();
    known.put(taskId("kept"), agent);
    known.put(taskId("ghost"), null);
    ClientHarness.Client second = harness.startedClient(mesos.url(), b -> b
        .knownTasks(() -> known)
        .implicitReconciliationInterval(Duration.ofMillis(300)));

    await().atMost(WAIT).until(() -> second.listener().reconciliations.get() == 1);
    assertThat(second.listener().subscriptions).containsExactly(id);
    assertThat(second.listener().reconciliationAnswers("kept")).isGreaterThanOrEqualTo(1);
    assertThat(second.listener().sawState("kept", TaskState.TASK_RUNNING)).isTrue();
    assertThat(second.listener().sawState("ghost", TaskState.TASK_UNKNOWN)).isTrue();
    assertThat(second.registry().get("drover.mesos.reconciliation.pending").gauge().value()).isZero();

    long explicitAnswers = second.listener().reconciliationAnswers("kept");
    await().atMost(WAIT).until(() -> second.listener().reconciliationAnswers("kept") >= explicitAnswers + 2);
    assertThat(second.calls("RECONCILE", "accepted")).isGreaterThanOrEqualTo(3);
    // Reconciliation answers carry no uuid: the listener's acknowledgements of them sent nothing.
    assertThat(second.calls("ACKNOWLEDGE", "accepted") + second.calls("ACKNOWLEDGE", "rejected")).isZero();
  }

  @Test
  void reconnectsWhenHeartbeatsStop() {
    MesosLocal mesos = harness.mesos(b -> b.heartbeatInterval(Duration.ofMillis(200)));
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b);
    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 1);
    FrameworkID id = c.listener().subscriptions.get(0);

    mesos.faults().pauseHeartbeats(Duration.ofSeconds(2));

    await().atMost(WAIT).until(() -> c.listener().disconnects.stream()
        .anyMatch(reason -> reason.startsWith("no heartbeat from the master")));
    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() >= 2 && c.client().isSubscribed());
    assertThat(c.listener().subscriptions).allSatisfy(s -> assertThat(s).isEqualTo(id));
    assertThat(c.reconnects()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void resubscribesAfterAMasterRestartWithTheSameIdAndReconciles() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b);
    launchRunning(c, "survivor");
    await().atMost(WAIT).until(() -> c.listener().reconciliations.get() == 1);
    FrameworkID id = c.listener().subscriptions.get(0);
    long answersBefore = c.listener().reconciliationAnswers("survivor");

    mesos.faults().masterRestart();

    await().atMost(WAIT).until(() -> c.listener().reconciliations.get() == 2);
    assertThat(c.listener().subscriptions).containsExactly(id, id);
    assertThat(c.listener().disconnects).hasSize(1);
    assertThat(c.listener().reconciliationAnswers("survivor")).isGreaterThan(answersBefore);
    assertThat(taskState(mesos, "survivor")).isEqualTo("TASK_RUNNING");
    assertThat(c.listener().sawState("survivor", TaskState.TASK_KILLED)).isFalse();
  }

  @Test
  void aSecondClientWithTheSameFrameworkIdTakesOverAndTheFirstStops() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client first = harness.startedClient(mesos.url(), b -> b);
    await().atMost(WAIT).until(() -> first.listener().subscriptions.size() == 1);
    FrameworkID id = first.listener().subscriptions.get(0);

    ClientHarness.Client second = harness.startedClient(mesos.url(), b -> b);

    await().atMost(WAIT).until(() -> first.listener().failovers.size() == 1);
    await().atMost(WAIT).until(() -> second.listener().subscriptions.size() == 1);
    assertThat(first.listener().failovers.get(0)).isEqualTo("Framework failed over");
    assertThat(second.listener().subscriptions.get(0)).isEqualTo(id);
    assertThat(((SchedulerClientImpl) first.client()).lifecycle()).isEqualTo(SchedulerClientImpl.Lifecycle.STOPPED);
    assertThat(first.client().isSubscribed()).isFalse();

    first.client().calls().revive(List.of());
    assertThat(first.calls("REVIVE", "dropped")).isEqualTo(1);
    second.client().calls().revive(List.of());
    await().atMost(WAIT).until(() -> second.calls("REVIVE", "accepted") == 1);
    assertThat(first.listener().subscriptions).hasSize(1);
    assertThat(second.listener().failovers).isEmpty();
    assertThat(mesos.state().framework(id.getValue())).hasValueSatisfying(f -> assertThat(f.connected()).isTrue());
  }

  @Test
  void aClosedSubscribeGateKeepsASecondClientFromTakingTheFrameworkOver() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client first = harness.startedClient(mesos.url(), b -> b);
    await().atMost(WAIT).until(() -> first.listener().subscriptions.size() == 1);
    FrameworkID id = first.listener().subscriptions.get(0);
    AtomicReference<Optional<String>> gate = new AtomicReference<>(Optional.of("the ZooKeeper connection is suspended"));

    ClientHarness.Client second = harness.startedClient(mesos.url(), b -> b.subscribeGate(gate::get));

    await().atMost(WAIT).until(() -> second.reconnects() >= 3);
    assertThat(second.listener().subscriptions).isEmpty();
    assertThat(first.listener().failovers).isEmpty();
    assertThat(first.client().isSubscribed()).isTrue();

    gate.set(Optional.empty());

    await().atMost(WAIT).until(() -> second.listener().subscriptions.size() == 1);
    await().atMost(WAIT).until(() -> first.listener().failovers.size() == 1);
    assertThat(second.listener().subscriptions.get(0)).isEqualTo(id);
  }

  @Test
  void aRemovedFrameworkIsRetiredAndReplacedByANewOne() throws Exception {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b);
    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 1);
    FrameworkID removed = c.listener().subscriptions.get(0);

    c.client().calls().teardown();

    await().atMost(WAIT).until(() -> c.listener().removals.size() == 1);
    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 2);
    FrameworkID replacement = c.listener().subscriptions.get(1);
    assertThat(replacement).isNotEqualTo(removed);
    assertThat(c.listener().removals.get(0)).isEqualTo("Framework has been removed");
    await().atMost(WAIT).until(() -> storedFrameworkId().equals(replacement.getValue()));
    assertThat(mesos.state().framework(removed.getValue())).isEmpty();
  }

  @Test
  void subscriptionsCanBeAwaitedUntilTheyComeAndUntilTheyEnd() throws Exception {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.client(mesos.url(), b -> b);
    assertThat(c.client().awaitSubscribed(Duration.ofMillis(1))).as("not started").isEmpty();
    c.client().start();

    FrameworkID id = c.client().awaitSubscribed(WAIT).orElseThrow();
    assertThat(c.client().isSubscribed()).isTrue();
    await().atMost(WAIT).until(() -> c.listener().subscriptions.equals(List.of(id)));
    assertThat(c.client().awaitEndOf(id, Duration.ofMillis(1))).as("still up").isFalse();

    c.client().calls().teardown();
    assertThat(c.client().awaitEndOf(id, WAIT)).isTrue();
    await().atMost(WAIT).until(() -> c.listener().removals.size() == 1);
  }

  @Test
  void aListenerThatThrowsLosesNothingElse() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.client(mesos.url(), b -> b, recording -> new SchedulerEventListener() {
      @Override
      public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
        recording.subscribed(frameworkId, heartbeatIntervalSeconds);
        throw new IllegalStateException("listener bug in subscribed");
      }

      @Override
      public void reconciled() {
        recording.reconciled();
      }

      @Override
      public void event(Event event) {
        recording.event(event);
        throw new IllegalStateException("listener bug in event");
      }
    });
    c.client().start();

    // The client's own work after the callback that threw went on: reconciliation began; events flow.
    await().atMost(WAIT).until(() -> c.listener().reconciliations.get() == 1 && !c.listener().offers().isEmpty());
    assertThat(c.client().isSubscribed()).isTrue();
    assertThat(c.listener().subscriptions).hasSize(1);
  }

  @Test
  void speaksJson() {
    MesosLocal mesos = harness.mesos(b -> b);
    ClientHarness.Client c = harness.startedClient(mesos.url(), b -> b.encoding(Encoding.JSON));

    // 64-bit integers (port ranges, kill grace nanoseconds) travel as JSON strings, bytes (the
    // acknowledged uuids) as base64: mesos-local parses them as stout does.
    Offer offer = firstOffer(c);
    Resource ports = offer.getResourcesList().stream().filter(r -> r.getName().equals("ports")).findFirst().orElseThrow();
    long port = ports.getRanges().getRange(0).getBegin();
    Offer.Operation launch = Launches.launch(offer, "json-task", "sleep 60");
    TaskInfo task = launch.getLaunch().getTaskInfos(0).toBuilder()
        .addResources(ports.toBuilder().setRanges(Value.Ranges.newBuilder()
            .addRange(Value.Range.newBuilder().setBegin(port).setEnd(port))))
        .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(2_000_000_000L)))
        .build();
    c.client().calls().accept(List.of(offer.getId()), List.of(launch.toBuilder()
        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build()), Filters.getDefaultInstance());
    await().atMost(WAIT).until(() -> c.listener().sawState("json-task", TaskState.TASK_RUNNING));

    await().atMost(WAIT).until(() -> c.calls("ACKNOWLEDGE", "accepted") >= 1);
    assertThat(taskState(mesos, "json-task")).isEqualTo("TASK_RUNNING");
    assertThat(c.calls("ACCEPT", "rejected")).isZero();
    assertThat(c.calls("ACKNOWLEDGE", "rejected")).isZero();
  }
}

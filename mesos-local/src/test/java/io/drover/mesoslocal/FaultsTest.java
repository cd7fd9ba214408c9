package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault injection through the Java API and over HTTP, with real processes. */
class FaultsTest {

  @TempDir
  Path workDir;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().agents(2).workDir(workDir).heartbeatInterval(Duration.ofMillis(200))
        .allocationInterval(Duration.ofMillis(100)).statusUpdateRetry(Duration.ofMillis(300), Duration.ofSeconds(2))
        .start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  static int post(MesosLocal cluster, String path) throws Exception {
    return TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private long startSleeper(TestScheduler s, Offer offer, String taskId) throws Exception {
    s.launch(offer, TestScheduler.task(taskId, offer, "echo $$ > pid; exec sleep 300", 0.1, 32));
    s.awaitUpdate(taskId, TaskState.TASK_RUNNING);
    Path pid = await().atMost(TestScheduler.WAIT)
        .until(() -> SandboxFiles.find(workDir, taskId, "pid"), p -> p != null && p.toFile().length() > 0);
    return Long.parseLong(Files.readString(pid).trim());
  }

  @Test
  void masterRestartDropsSubscriptionsButKeepsTasksRunning() throws Exception {
    FrameworkInfo info = TestScheduler.partitionAware("restart").build();
    TestScheduler before = TestScheduler.subscribe(cluster, info);
    before.autoAck = true;
    Offer offer = before.awaitOffer();
    long pid = startSleeper(before, offer, "survivor");
    String oldMaster = cluster.state().masterId();

    assertThat(post(cluster, "/faults/master-restart")).isEqualTo(200);
    await().atMost(TestScheduler.WAIT).until(() -> before.ended);
    assertThat(cluster.state().masterId()).isNotEqualTo(oldMaster);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
    HttpResponse<String> stale = before.post(Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(before.frameworkId()).build());
    assertThat(stale.statusCode()).isEqualTo(403);

    try (TestScheduler after = TestScheduler.subscribe(cluster.url(), info.toBuilder().setId(before.frameworkId()).build(), false)) {
      Event subscribed = after.events.get(0);
      assertThat(subscribed.getSubscribed().getMasterInfo().getId()).isNotEqualTo(oldMaster);
      after.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()));
      TaskStatus status = after.awaitUpdate("survivor", TaskState.TASK_RUNNING);
      assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
      after.awaitOffer();
    }
  }

  @Test
  void aStoppedAgentsTasksAreUnreachableThenRunningAgainWhenItReturns() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("agent").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      long pid = startSleeper(s, offer, "roamer");
      String agent = offer.getAgentId().getValue();

      assertThat(post(cluster, "/faults/agents/" + agent + "/stop")).isEqualTo(200);
      TaskStatus unreachable = s.awaitUpdate("roamer", TaskState.TASK_UNREACHABLE);
      assertThat(unreachable.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
      assertThat(unreachable.hasUuid()).isFalse();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);
      assertThat(cluster.state().task("roamer")).hasValueSatisfying(t -> assertThat(t.unreachable()).isTrue());

      assertThat(post(cluster, "/faults/agents/" + agent + "/start")).isEqualTo(200);
      TaskStatus back = s.await(e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_AGENT_REREGISTERED).getUpdate().getStatus();
      assertThat(back.getState()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(back.getTaskId().getValue()).isEqualTo("roamer");
    }
  }

  @Test
  void tasksOfAFrameworkRemovedWhileTheirAgentWasAwayAreKilledWhenItReturns() throws Exception {
    TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("away").build());
    s.autoAck = true;
    Offer offer = s.awaitOffer();
    long pid = startSleeper(s, offer, "orphan");
    cluster.faults().stopAgent(offer.getAgentId().getValue());
    s.awaitUpdate("orphan", TaskState.TASK_UNREACHABLE);
    s.call(Call.newBuilder().setType(Call.Type.TEARDOWN));
    await().atMost(TestScheduler.WAIT).until(() -> cluster.state().frameworks().isEmpty());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);

    cluster.faults().startAgent(offer.getAgentId().getValue());
    await().atMost(TestScheduler.WAIT).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void agentsThatAreNotPartitionAwareSeeTaskLost() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("lost").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("lost", offer, "sleep 300", 0.1, 32));
      s.awaitUpdate("lost", TaskState.TASK_RUNNING);
      cluster.faults().stopAgent(offer.getAgentId().getValue());
      assertThat(s.awaitUpdate("lost", TaskState.TASK_LOST).getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
    }
  }

  @Test
  void crashedTasksFail() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("crash").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      long pid = startSleeper(s, offer, "crasher");
      assertThat(post(cluster, "/faults/tasks/crasher/crash")).isEqualTo(200);
      TaskStatus failed = s.awaitUpdate("crasher", TaskState.TASK_FAILED);
      assertThat(failed.getMessage()).isEqualTo("Command terminated with signal Killed");
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void heartbeatsPauseForTheGivenTime() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("quiet").build())) {
      await().atMost(TestScheduler.WAIT).until(() -> s.all(e -> e.getType() == Event.Type.HEARTBEAT).size() >= 2);
      assertThat(post(cluster, "/faults/heartbeats/pause?seconds=2")).isEqualTo(200);
      // One heartbeat may already be on its way; none more comes during the pause.
      int seen = s.all(e -> e.getType() == Event.Type.HEARTBEAT).size() + 1;
      await().during(Duration.ofMillis(1200)).atMost(Duration.ofMillis(1800))
          .until(() -> s.all(e -> e.getType() == Event.Type.HEARTBEAT).size() <= seen);
      await().atMost(TestScheduler.WAIT).until(() -> s.all(e -> e.getType() == Event.Type.HEARTBEAT).size() > seen);
    }
  }

  @Test
  void anAgentReplacedOverHttpHasASuccessorWithANewId() throws Exception {
    String old = cluster.agentIds().get(1);
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url()
        + "/faults/agents/" + old + "/replace")).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    String successor = cluster.agentIds().get(1);
    assertThat(successor).isNotEqualTo(old);
    assertThat(r.body()).isEqualTo("{\"applied\":true,\"agent_id\":\"" + successor + "\"}");
    assertThat(cluster.state().agents()).extracting(ClusterState.Agent::id).contains(successor).doesNotContain(old);
  }

  @Test
  void unknownTargetsAreRejected() throws Exception {
    assertThat(post(cluster, "/faults/agents/nope/stop")).isEqualTo(404);
    assertThat(post(cluster, "/faults/agents/nope/replace")).isEqualTo(404);
    assertThat(post(cluster, "/faults/tasks/nope/crash")).isEqualTo(404);
    assertThat(post(cluster, "/faults/heartbeats/pause")).isEqualTo(400);
    assertThatThrownBy(() -> cluster.faults().stopAgent("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No agent 'nope'");
  }
}

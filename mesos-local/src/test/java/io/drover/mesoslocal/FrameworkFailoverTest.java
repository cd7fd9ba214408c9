package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkID;
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

/** A framework failing over to a new connection, disconnecting, and timing out. Real processes. */
class FrameworkFailoverTest {

  @TempDir
  Path workDir;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().workDir(workDir).heartbeatInterval(Duration.ofMillis(200))
        .allocationInterval(Duration.ofMillis(100)).statusUpdateRetry(Duration.ofSeconds(30), Duration.ofSeconds(60))
        .start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aSecondSubscriptionFailsTheFirstOver() {
    TestScheduler first = TestScheduler.subscribe(cluster, TestScheduler.framework("fo").build());
    Offer offer = first.awaitOffer();
    FrameworkID id = first.frameworkId();
    try (TestScheduler second = TestScheduler.subscribe(cluster.url(),
        TestScheduler.framework("fo").setId(id).build(), true)) {
      Event error = first.await(e -> e.getType() == Event.Type.ERROR);
      assertThat(error.getError().getMessage()).isEqualTo("Framework failed over");
      await().atMost(TestScheduler.WAIT).until(() -> first.ended);
      assertThat(second.frameworkId()).isEqualTo(id);

      Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id).build();
      assertThat(first.post(revive).statusCode()).isEqualTo(400);
      assertThat(second.post(revive).statusCode()).isEqualTo(202);

      // The first connection's offer died with it.
      second.launch(offer, TestScheduler.task("late", offer, "true", 0.1, 32));
      assertThat(second.awaitUpdate("late", TaskState.TASK_LOST).getReason())
          .isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
    }
  }

  @Test
  void aFrameworkMayNotChangeItsPrincipal() {
    try (TestScheduler first = TestScheduler.subscribe(cluster, TestScheduler.framework("p").setPrincipal("a").build())) {
      TestScheduler other = TestScheduler.open(cluster.url(),
          TestScheduler.framework("p").setPrincipal("b").setId(first.frameworkId()).build(), false);
      assertThat(other.await(e -> e.getType() == Event.Type.ERROR).getError().getMessage())
          .isEqualTo("Changing framework's principal is not allowed.");
      assertThat(first.find(e -> e.getType() == Event.Type.ERROR)).isEmpty();
    }
  }

  @Test
  void pendingUpdatesAreResentWhenTheFrameworkComesBack() {
    FrameworkInfo info = TestScheduler.framework("resend").setFailoverTimeout(60).build();
    TestScheduler first = TestScheduler.subscribe(cluster, info);
    Offer offer = first.awaitOffer();
    first.launch(offer, TestScheduler.task("kept", offer, "sleep 100", 0.1, 32));
    TaskStatus starting = first.awaitUpdate("kept", TaskState.TASK_STARTING);
    first.close();
    await().atMost(TestScheduler.WAIT).until(() -> !cluster.state().frameworks().get(0).connected());

    try (TestScheduler again = TestScheduler.subscribe(cluster.url(), info.toBuilder().setId(first.frameworkId()).build(), false)) {
      // Retries are 30 s apart here, so this is the immediate resend on resubscription.
      TaskStatus resent = again.awaitUpdate("kept", TaskState.TASK_STARTING);
      assertThat(resent.getUuid()).isEqualTo(starting.getUuid());
      again.acknowledge(resent);
      again.autoAck = true;
      again.awaitUpdate("kept", TaskState.TASK_RUNNING);
    }
  }

  @Test
  void aDisconnectedFrameworkIsRemovedAfterItsFailoverTimeoutWithItsTasks() throws Exception {
    FrameworkInfo info = TestScheduler.framework("timeout").setFailoverTimeout(1).build();
    TestScheduler s = TestScheduler.subscribe(cluster, info);
    s.autoAck = true;
    Offer offer = s.awaitOffer();
    s.launch(offer, TestScheduler.task("doomed", offer, "echo $$ > pid; exec sleep 300", 0.1, 32));
    s.awaitUpdate("doomed", TaskState.TASK_RUNNING);
    Path pidFile = await().atMost(TestScheduler.WAIT)
        .until(() -> SandboxFiles.find(workDir, "doomed", "pid"), p -> p != null && p.toFile().length() > 0);
    long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).hasValue(true);

    s.close();
    await().atMost(TestScheduler.WAIT).until(() -> cluster.state().frameworks().isEmpty());
    await().atMost(TestScheduler.WAIT).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(cluster.state().tasks()).isEmpty();

    TestScheduler late = TestScheduler.open(cluster.url(), info.toBuilder().setId(s.frameworkId()).build(), false);
    assertThat(late.await(e -> e.getType() == Event.Type.ERROR).getError().getMessage())
        .isEqualTo("Framework has been removed");
  }

  @Test
  void closingTheEventStreamDisconnectsAtOnceReturnsItsOffersAndStartsTheFailoverTimer() {
    // Heartbeats every 10 minutes: nothing is written to the stream, so only the close itself can be seen.
    try (MesosLocal quiet = MesosLocal.builder().heartbeatInterval(Duration.ofMinutes(10))
        .allocationInterval(Duration.ofMillis(100)).start()) {
      FrameworkInfo info = TestScheduler.framework("holder").setFailoverTimeout(1).build();
      TestScheduler holder = TestScheduler.subscribe(quiet, info);
      Offer held = holder.awaitOffer();
      try (TestScheduler other = TestScheduler.subscribe(quiet, TestScheduler.framework("other").build())) {
        holder.close();
        await().atMost(TestScheduler.WAIT).until(() -> quiet.state().frameworks().stream()
            .anyMatch(f -> f.id().equals(holder.frameworkId().getValue()) && !f.connected() && !f.active()));
        Offer returned = other.awaitOffer();
        assertThat(returned.getAgentId()).isEqualTo(held.getAgentId());
        assertThat(Resources.of(returned.getResourcesList()).scalar("cpus")).isEqualTo(4.0);

        await().atMost(TestScheduler.WAIT).until(() -> quiet.state().frameworks().size() == 1);
        TestScheduler late = TestScheduler.open(quiet.url(), info.toBuilder().setId(holder.frameworkId()).build(), false);
        assertThat(late.await(e -> e.getType() == Event.Type.ERROR).getError().getMessage())
            .isEqualTo("Framework has been removed");
        await().atMost(TestScheduler.WAIT).until(() -> late.ended);
      }
    }
  }
}

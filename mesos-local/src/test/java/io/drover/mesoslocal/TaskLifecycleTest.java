package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task's life as a real process: sandbox, reliable updates, exit statuses, kills. A cluster per test. */
class TaskLifecycleTest {

  @TempDir
  Path workDir;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder()
        .workDir(workDir)
        .heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(2))
        .start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void commandRunsInItsSandboxAndFinishesWithAcknowledgedUpdates() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("finish").build())) {
      Offer offer = s.awaitOffer();
      // Without MULTI_ROLE, offers and their resources carry no allocation_info.
      assertThat(offer.hasAllocationInfo()).isFalse();
      s.launch(offer, TestScheduler.task("t1", offer, "echo hello; echo \"sandbox=$MESOS_SANDBOX\"", 0.1, 32));

      TaskStatus starting = s.awaitUpdate("t1", TaskState.TASK_STARTING);
      assertThat(starting.getUuid().size()).isEqualTo(16);
      // Updates are delivered one at a time: RUNNING only comes once STARTING is acknowledged.
      s.acknowledge(starting);
      TaskStatus running = s.awaitUpdate("t1", TaskState.TASK_RUNNING);
      assertThat(running.getUuid()).isNotEqualTo(starting.getUuid());
      s.acknowledge(running);
      TaskStatus finished = s.awaitUpdate("t1", TaskState.TASK_FINISHED);
      assertThat(finished.getMessage()).isEqualTo("Command exited with status 0");
      assertThat(finished.getAgentId()).isEqualTo(offer.getAgentId());
      assertThat(cluster.state().task("t1")).hasValueSatisfying(t -> assertThat(t.state()).isEqualTo("TASK_FINISHED"));
      s.acknowledge(finished);
      await().atMost(TestScheduler.WAIT).until(() -> cluster.state().task("t1").isEmpty());

      Path stdout;
      try (var files = Files.walk(workDir)) {
        stdout = files.filter(p -> p.endsWith("stdout") && p.toString().contains("/t1/")).findFirst().orElseThrow();
      }
      String out = Files.readString(stdout);
      assertThat(out).startsWith("hello\nsandbox=" + stdout.getParent());
    }
  }

  @Test
  void failedCommandReportsItsExitStatus() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("fail").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("t-fail", offer, "exit 3", 0.1, 32));
      TaskStatus failed = s.awaitUpdate("t-fail", TaskState.TASK_FAILED);
      assertThat(failed.getMessage()).isEqualTo("Command exited with status 3");
      assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
    }
  }

  @Test
  void unacknowledgedUpdateIsResentWithTheSameUuidUntilAcknowledged() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("retry").build())) {
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("t-retry", offer, "sleep 30", 0.1, 32));
      TaskStatus starting = s.awaitUpdate("t-retry", TaskState.TASK_STARTING);
      await().atMost(TestScheduler.WAIT).until(() -> s.updates("t-retry").size() >= 3);
      assertThat(s.updates("t-retry")).allSatisfy(u -> {
        assertThat(u.getState()).isEqualTo(TaskState.TASK_STARTING);
        assertThat(u.getUuid()).isEqualTo(starting.getUuid());
      });
      s.acknowledge(starting);
      TaskStatus running = s.awaitUpdate("t-retry", TaskState.TASK_RUNNING);
      s.acknowledge(running);
      s.autoAck = true;
      s.kill("t-retry");
      s.awaitUpdate("t-retry", TaskState.TASK_KILLED);
    }
  }

  @Test
  void killTerminatesTheWholeProcessTree() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("kill").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("t-kill", offer, "sleep 300 & echo $! > child.pid; exec sleep 301", 0.1, 32));
      s.awaitUpdate("t-kill", TaskState.TASK_RUNNING);
      Path pidFile = await().atMost(TestScheduler.WAIT).until(() -> findSandboxFile("t-kill", "child.pid"),
          p -> p != null && p.toFile().length() > 0);
      long childPid = Long.parseLong(Files.readString(pidFile).trim());
      assertThat(ProcessHandle.of(childPid)).isPresent();

      s.kill("t-kill");
      TaskStatus killed = s.awaitUpdate("t-kill", TaskState.TASK_KILLED);
      assertThat(killed.getMessage()).isEqualTo("Command terminated with signal Terminated");
      await().atMost(TestScheduler.WAIT).until(() -> ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false) == false);
    }
  }

  @Test
  void closingTheClusterKillsEveryTaskProcess() throws Exception {
    TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("close").build());
    s.autoAck = true;
    Offer offer = s.awaitOffer();
    s.launch(offer, TestScheduler.task("t-close", offer, "sleep 300 & echo $! > child.pid; wait", 0.1, 32));
    Path pidFile = await().atMost(TestScheduler.WAIT).until(() -> findSandboxFile("t-close", "child.pid"),
        p -> p != null && p.toFile().length() > 0);
    long childPid = Long.parseLong(Files.readString(pidFile).trim());
    cluster.close();
    await().atMost(TestScheduler.WAIT).until(() -> !ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false));
  }

  Path findSandboxFile(String taskId, String name) throws Exception {
    return SandboxFiles.find(workDir, taskId, name);
  }
}

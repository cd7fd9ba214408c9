package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DiscoveryInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Ports;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Environment, ports, kill policies, TASK_KILLING, task groups and health checks, with real
 * processes. A cluster per test, so no other framework holds offers.
 */
class TaskFeaturesTest {

  @TempDir
  Path workDir;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().workDir(workDir).agentResources("cpus:8;mem:8192;disk:1024;ports:[31000-31100]")
        .heartbeatInterval(Duration.ofMillis(500)).allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(300), Duration.ofSeconds(2)).start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  String read(String taskId, String file) throws Exception {
    Path p = await().atMost(TestScheduler.WAIT).until(() -> SandboxFiles.find(workDir, taskId, file),
        f -> f != null && f.toFile().length() > 0);
    return Files.readString(p);
  }

  @Test
  void namedPortsAndTaskEnvironmentReachTheCommand() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("env").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-env", offer,
          "echo \"$PORT_HTTP_API $GREETING $MESOS_TASK_ID $MESOS_FRAMEWORK_ID\" > env.txt", 0.1, 32).toBuilder()
          .addResources(TestScheduler.ports(31005, 31005, offer))
          .setDiscovery(DiscoveryInfo.newBuilder().setVisibility(DiscoveryInfo.Visibility.FRAMEWORK)
              .setPorts(Ports.newBuilder().addPorts(Port.newBuilder().setNumber(31005).setName("http-api"))))
          .setCommand(CommandInfo.newBuilder().setValue(
              "echo \"$PORT_HTTP_API $GREETING $MESOS_TASK_ID $MESOS_FRAMEWORK_ID\" > env.txt")
              .setEnvironment(Environment.newBuilder().addVariables(
                  Environment.Variable.newBuilder().setName("GREETING").setValue("hi"))))
          .build();
      s.launch(offer, task);
      s.awaitUpdate("t-env", TaskState.TASK_FINISHED);
      assertThat(read("t-env", "env.txt").trim()).isEqualTo("31005 hi t-env " + s.frameworkId().getValue());
    }
  }

  @Test
  void nonShellCommandsRunTheExecutableWithItsArguments() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("argv").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-argv", offer, "unused", 0.1, 32).toBuilder()
          .setCommand(CommandInfo.newBuilder().setShell(false).setValue("/bin/sh")
              .addAllArguments(List.of("sh", "-c", "echo $0 > argv.txt", "first"))).build();
      s.launch(offer, task);
      s.awaitUpdate("t-argv", TaskState.TASK_FINISHED);
      assertThat(read("t-argv", "argv.txt").trim()).isEqualTo("first");
    }
  }

  @Test
  void killingCapableFrameworksSeeTaskKillingAndTheKillPolicyGraceIsHonoured() {
    FrameworkInfo info = TestScheduler.framework("killing")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.TASK_KILLING_STATE))
        .build();
    try (TestScheduler s = TestScheduler.subscribe(cluster, info)) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      // Ignores SIGTERM, so only the SIGKILL after the grace period ends it.
      TaskInfo stubborn = TestScheduler.task("t-stubborn", offer, "trap '' TERM; while true; do sleep 0.1; done", 0.1, 32)
          .toBuilder().setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(30_000_000_000L)))
          .build();
      s.launch(offer, stubborn);
      s.awaitUpdate("t-stubborn", TaskState.TASK_RUNNING);
      s.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder().setTaskId(stubborn.getTaskId())
          .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(2_000_000_000L)))));
      s.awaitUpdate("t-stubborn", TaskState.TASK_KILLING);
      await().during(Duration.ofMillis(1000)).atMost(Duration.ofMillis(1500))
          .until(() -> s.find(e -> e.getType() == Event.Type.UPDATE
              && e.getUpdate().getStatus().getState() == TaskState.TASK_KILLED).isEmpty());
      TaskStatus killed = s.awaitUpdate("t-stubborn", TaskState.TASK_KILLED);
      assertThat(killed.getMessage()).isEqualTo("Command terminated with signal Killed");
    }
  }

  @Test
  void aFailingTaskOfAGroupTakesTheGroupDown() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("group").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo sleeper = TestScheduler.task("g-sleeper", offer, "sleep 300", 0.1, 32);
      TaskInfo failer = TestScheduler.task("g-failer", offer, "sleep 0.5; exit 1", 0.1, 32);
      s.accept(offer.getId(), Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
          .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
              .setExecutor(ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT).setFrameworkId(offer.getFrameworkId())
                  .setExecutorId(ExecutorID.newBuilder().setValue("group-executor"))
                  .addResources(TestScheduler.scalar("cpus", 0.1, offer))
                  .addResources(TestScheduler.scalar("mem", 32, offer))
                  .addResources(TestScheduler.scalar("disk", 32, offer)))
              .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(sleeper).addTasks(failer))).build());
      TaskStatus running = s.awaitUpdate("g-sleeper", TaskState.TASK_RUNNING);
      assertThat(running.getExecutorId().getValue()).isEqualTo("group-executor");
      s.awaitUpdate("g-failer", TaskState.TASK_FAILED);
      s.awaitUpdate("g-sleeper", TaskState.TASK_KILLED);
    }
  }

  @Test
  void aGroupWhoseExecutorHasNoDiskIsInvalid() {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("nodisk").build())) {
      Offer offer = s.awaitOffer();
      s.accept(offer.getId(), Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
          .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
              .setExecutor(ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT).setFrameworkId(offer.getFrameworkId())
                  .setExecutorId(ExecutorID.newBuilder().setValue("nodisk-executor"))
                  .addResources(TestScheduler.scalar("cpus", 0.1, offer))
                  .addResources(TestScheduler.scalar("mem", 32, offer)))
              .setTaskGroup(TaskGroupInfo.newBuilder()
                  .addTasks(TestScheduler.task("nd", offer, "true", 0.1, 32)))).build());
      TaskStatus error = s.awaitUpdate("nd", TaskState.TASK_ERROR);
      assertThat(error.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
      assertThat(error.getMessage()).isEqualTo("Executor 'nodisk-executor' uses no disk");
    }
  }

  @Test
  void healthChecksReportHealthAndKillAnUnhealthyTask() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("health").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-health", offer, "touch ok; sleep 300", 0.1, 32).toBuilder()
          .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
              .setCommand(CommandInfo.newBuilder().setValue("test -f ok"))
              // The first check may run before the command has touched ok: the grace period (until
              // the first success) keeps that failure from being reported, as Mesos does.
              .setDelaySeconds(0).setIntervalSeconds(0.2).setGracePeriodSeconds(30).setTimeoutSeconds(5)
              .setConsecutiveFailures(2))
          .build();
      s.launch(offer, task);
      TaskStatus healthy = s.await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().hasHealthy())
          .getUpdate().getStatus();
      assertThat(healthy.getHealthy()).isTrue();
      assertThat(healthy.getState()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(healthy.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED);
      await().atMost(TestScheduler.WAIT).until(() -> cluster.state().task("t-health").orElseThrow().healthy() == Boolean.TRUE);

      Files.delete(SandboxFiles.find(workDir, "t-health", "ok"));
      TaskStatus killed = s.awaitUpdate("t-health", TaskState.TASK_KILLED);
      assertThat(killed.getHealthy()).isFalse();
      assertThat(s.updates("t-health")).filteredOn(u -> u.hasHealthy() && !u.getHealthy()
          && u.getState() == TaskState.TASK_RUNNING).isNotEmpty();
    }
  }

  @Test
  void checksReportChangedResultsAndHealthAndCheckStatusTravelTogether() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("checks").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-check", offer, "sleep 300", 0.1, 32).toBuilder()
          .setCheck(CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
              .setCommand(CheckInfo.Command.newBuilder().setCommand(CommandInfo.newBuilder().setValue("test -f ready")))
              .setDelaySeconds(0).setIntervalSeconds(0.2).setTimeoutSeconds(5))
          .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
              .setCommand(CommandInfo.newBuilder().setValue("true"))
              // The first check may run before the command has touched ok: the grace period (until
              // the first success) keeps that failure from being reported, as Mesos does.
              .setDelaySeconds(0).setIntervalSeconds(0.2).setGracePeriodSeconds(30).setTimeoutSeconds(5))
          .build();
      s.launch(offer, task);

      // Every state change carries the empty status of the check's type until a result exists.
      CheckStatusInfo empty = CheckStatusInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
          .setCommand(CheckStatusInfo.Command.getDefaultInstance()).build();
      TaskStatus running = s.awaitUpdate("t-check", TaskState.TASK_RUNNING);
      assertThat(running.getCheckStatus()).isEqualTo(empty);
      assertThat(running.hasHealthy()).isFalse();
      s.await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().hasHealthy());
      TaskStatus failing = s.await(e -> checkResult(e) == 1).getUpdate().getStatus();
      assertThat(failing.getState()).isEqualTo(TaskState.TASK_RUNNING);

      Files.createFile(SandboxFiles.find(workDir, "t-check", "stdout").resolveSibling("ready"));
      TaskStatus passing = s.await(e -> checkResult(e) == 0).getUpdate().getStatus();
      // A check update repeats the previous update, so the health reported earlier is still there.
      assertThat(passing.getHealthy()).isTrue();
      // Only changes are reported: one check update per result, however many checks ran.
      assertThat(s.all(e -> checkResult(e) == 1)).hasSize(1);

      s.reconcile(task.getTaskId(), offer.getAgentId());
      TaskStatus answer = s.await(e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
      assertThat(answer.getCheckStatus().getCommand().getExitCode()).isZero();
      assertThat(answer.getHealthy()).isTrue();

      s.kill("t-check");
      TaskStatus killed = s.awaitUpdate("t-check", TaskState.TASK_KILLED);
      assertThat(killed.getCheckStatus()).isEqualTo(empty);
      assertThat(killed.hasHealthy()).isFalse();
    }
  }

  /** The exit code a check update (REASON_TASK_CHECK_STATUS_UPDATED) reports, or -1 for other events. */
  private static int checkResult(Event e) {
    if (e.getType() != Event.Type.UPDATE
        || e.getUpdate().getStatus().getReason() != TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED
        || !e.getUpdate().getStatus().getCheckStatus().getCommand().hasExitCode()) {
      return -1;
    }
    return e.getUpdate().getStatus().getCheckStatus().getCommand().getExitCode();
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * General checks ({@code TaskInfo.check}) as Mesos 1.11's command executor runs them
 * (src/launcher/executor.cpp, src/checks/checker.cpp, src/checks/checker_process.cpp): the first
 * check {@code delay_seconds} after launch, the next {@code interval_seconds} after the previous
 * one completed; a COMMAND check reports the exit code as it is, an HTTP check the status code of a
 * GET to 127.0.0.1, a TCP check whether it connected; a probe that times out or gets no answer
 * reports the empty status of the check's type. Results are sent only when they change, on
 * TASK_RUNNING with REASON_TASK_CHECK_STATUS_UPDATED. Real processes, a cluster per test.
 */
class GeneralChecksTest {

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

  @Test
  void commandChecksWaitTheirDelayRunIntervalAfterCompletionAndReportTimeoutsAsEmpty() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("command-checks").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      // Each check logs when it starts, takes 0.3 s, and exits 3; once "hang" exists it outlives its timeout.
      String check = "date +%s%N >> checks.log; sleep 0.3; if [ -f hang ]; then echo $$ > hung.pid; exec sleep 30; fi; exit 3";
      TaskInfo task = TestScheduler.task("t-cmd", offer, "date +%s%N > started; exec sleep 300", 0.1, 32).toBuilder()
          .setCheck(commandCheck(check).setDelaySeconds(1.5).setIntervalSeconds(0.2).setTimeoutSeconds(2))
          .build();
      s.launch(offer, task);

      CheckStatusInfo empty = CheckStatusInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
          .setCommand(CheckStatusInfo.Command.getDefaultInstance()).build();
      // Every status the executor builds carries the empty status of the check's type, TASK_STARTING too.
      assertThat(s.awaitUpdate("t-cmd", TaskState.TASK_STARTING).getCheckStatus()).isEqualTo(empty);
      assertThat(s.awaitUpdate("t-cmd", TaskState.TASK_RUNNING).getCheckStatus()).isEqualTo(empty);

      TaskStatus failed = s.await(e -> checkUpdate(e, "t-cmd") && commandExit(e) == 3).getUpdate().getStatus();
      assertThat(failed.getState()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
      assertThat(failed.hasUuid()).isTrue();

      Path sandbox = SandboxFiles.find(workDir, "t-cmd", "started").getParent();
      long started = Long.parseLong(Files.readString(sandbox.resolve("started")).trim());
      List<Long> runs = await().atMost(TestScheduler.WAIT).until(() -> readTimes(sandbox.resolve("checks.log")), r -> r.size() >= 3);
      assertThat(Duration.ofNanos(runs.get(0) - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
      // interval 0.2 s after a 0.3 s check: runs start at least 0.5 s apart, never overlapping.
      for (int i = 1; i < runs.size(); i++) {
        assertThat(Duration.ofNanos(runs.get(i) - runs.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(480));
      }
      // The same result again is not reported.
      assertThat(s.all(e -> checkUpdate(e, "t-cmd"))).hasSize(1);

      // A check that outlives timeout_seconds is killed and reported as the empty status.
      Files.createFile(sandbox.resolve("hang"));
      TaskStatus timedOut = s.await(e -> checkUpdate(e, "t-cmd") && e.getUpdate().getStatus().getCheckStatus().equals(empty))
          .getUpdate().getStatus();
      assertThat(timedOut.getState()).isEqualTo(TaskState.TASK_RUNNING);
      long hung = Long.parseLong(Files.readString(sandbox.resolve("hung.pid")).trim());
      await().atMost(TestScheduler.WAIT).until(() -> ProcessHandle.of(hung).filter(ProcessHandle::isAlive).isEmpty());
    }
  }

  @Test
  void httpChecksReportTheStatusCodeAndNoAnswerAsEmpty() throws Exception {
    AtomicInteger code = new AtomicInteger(503);
    Queue<String> paths = new ConcurrentLinkedQueue<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      paths.add(exchange.getRequestURI().getPath());
      exchange.sendResponseHeaders(code.get(), -1);
      exchange.close();
    });
    server.start();
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("http-checks").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-http", offer, "sleep 300", 0.1, 32).toBuilder()
          .setCheck(CheckInfo.newBuilder().setType(CheckInfo.Type.HTTP)
              .setHttp(CheckInfo.Http.newBuilder().setPort(server.getAddress().getPort()).setPath("/ready"))
              .setDelaySeconds(0).setIntervalSeconds(0.2).setTimeoutSeconds(2))
          .build();
      s.launch(offer, task);
      CheckStatusInfo empty = CheckStatusInfo.newBuilder().setType(CheckInfo.Type.HTTP)
          .setHttp(CheckStatusInfo.Http.getDefaultInstance()).build();
      assertThat(s.awaitUpdate("t-http", TaskState.TASK_RUNNING).getCheckStatus()).isEqualTo(empty);

      // Any status code is a result, not only 2xx and 3xx.
      s.await(e -> checkUpdate(e, "t-http") && httpCode(e) == 503);
      assertThat(paths).contains("/ready");
      code.set(200);
      s.await(e -> checkUpdate(e, "t-http") && httpCode(e) == 200);

      server.stop(0);
      s.await(e -> checkUpdate(e, "t-http") && e.getUpdate().getStatus().getCheckStatus().equals(empty));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void tcpChecksReportWhetherTheyConnected() throws Exception {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    int port = listener.getLocalPort();
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("tcp-checks").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo task = TestScheduler.task("t-tcp", offer, "sleep 300", 0.1, 32).toBuilder()
          .setCheck(CheckInfo.newBuilder().setType(CheckInfo.Type.TCP)
              .setTcp(CheckInfo.Tcp.newBuilder().setPort(port))
              .setDelaySeconds(0).setIntervalSeconds(0.2).setTimeoutSeconds(2))
          .build();
      s.launch(offer, task);
      TaskStatus up = s.await(e -> checkUpdate(e, "t-tcp")).getUpdate().getStatus();
      assertThat(up.getCheckStatus().getType()).isEqualTo(CheckInfo.Type.TCP);
      assertThat(up.getCheckStatus().getTcp().getSucceeded()).isTrue();

      listener.close();
      TaskStatus down = s.await(e -> checkUpdate(e, "t-tcp") && e.getUpdate().getStatus().getCheckStatus().getTcp().hasSucceeded()
          && !e.getUpdate().getStatus().getCheckStatus().getTcp().getSucceeded()).getUpdate().getStatus();
      assertThat(down.getState()).isEqualTo(TaskState.TASK_RUNNING);
    } finally {
      listener.close();
    }
  }

  private static CheckInfo.Builder commandCheck(String shell) {
    return CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
        .setCommand(CheckInfo.Command.newBuilder().setCommand(CommandInfo.newBuilder().setValue(shell)));
  }

  private static boolean checkUpdate(Event e, String taskId) {
    return e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED;
  }

  /** The exit code a COMMAND check update reports, or -1 when it has none. */
  private static int commandExit(Event e) {
    CheckStatusInfo.Command c = e.getUpdate().getStatus().getCheckStatus().getCommand();
    return c.hasExitCode() ? c.getExitCode() : -1;
  }

  /** The status code an HTTP check update reports, or -1 when it has none. */
  private static int httpCode(Event e) {
    CheckStatusInfo.Http h = e.getUpdate().getStatus().getCheckStatus().getHttp();
    return h.hasStatusCode() ? h.getStatusCode() : -1;
  }

  private static List<Long> readTimes(Path log) throws Exception {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim())).toList();
  }
}

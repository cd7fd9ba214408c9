package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.cli.CliContext;
import io.drover.cli.Main;
import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.security.Secret;
import io.drover.controller.store.StatusDocument;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator verbs through the real CLI ({@code Main.run}) against a running stack: a real
 * ZooKeeper, mesos-local running tasks as processes, and two controller replicas. The CLI finds the
 * leader in ZooKeeper (or is sent to the standby with --controller and follows its redirect), and
 * {@code --wait} returns once the status shows the effect.
 */
class OperatorVerbsTest {
  private static final String WEB = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: web}
      spec:
        pods:
          web:
            count: 2
            tasks:
              server: {cmd: "exec sleep 600", cpus: 0.1, memory: 32}
      """;

  @TempDir Path dir;
  private TestingServer zk;
  private LocalCluster cluster;

  /** What one run printed and returned. */
  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    zk = TestZooKeeper.start();
    cluster = LocalCluster.builder().zooKeeper(zk.getConnectString()).workDir(dir.resolve("work"))
        .profile(Profile.TEST).agents(2).replicas(2).replicaIds("r").start();
    cluster.awaitLeader(Duration.ofSeconds(60));
    Files.writeString(dir.resolve("web.yaml"), WEB);
    assertThat(drover("apply", "-f", "web.yaml").exit()).isZero();
    Run ready = drover("wait", "service", "web", "--for", "condition=Ready", "--timeout", "90s");
    assertThat(ready.exit()).as(ready.err()).isZero();
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    zk.close();
  }

  @Test
  void restartAndReplaceWaitUntilThePodRunsUnderNewTaskIds() throws Exception {
    Map<String, String> before = taskIds();

    Run restart = drover("restart", "pod", "web", "web-0", "--wait", "--timeout", "90s");

    assertThat(restart.exit()).as(restart.err()).isZero();
    assertThat(restart.out()).contains("service/web: restart of pod web-0 accepted")
        .containsPattern("service/web: pod web-0 relaunched \\(web-0-server TASK_RUNNING on \\S+\\)");
    Map<String, String> afterRestart = taskIds();
    assertThat(afterRestart.get("web-0-server")).isNotEqualTo(before.get("web-0-server"));
    assertThat(afterRestart.get("web-1-server")).isEqualTo(before.get("web-1-server"));

    Controller standby = cluster.replicas().stream().filter(c -> !c.leading()).findFirst().orElseThrow();
    Run replace = drover("replace", "pod", "web", "web-1", "--wait", "--timeout", "90s",
        "--controller", "http://" + standby.self().httpAddress());

    assertThat(replace.exit()).as(replace.err()).isZero();
    assertThat(replace.out()).contains("pod web-1 relaunched (web-1-server TASK_RUNNING");
    assertThat(taskIds().get("web-1-server")).isNotEqualTo(afterRestart.get("web-1-server"));
  }

  @Test
  void pauseAndResumeWaitUntilTheStatusShowsThem() {
    Run pause = drover("pause", "plan", "web", "--wait", "--timeout", "60s");
    assertThat(pause.exit()).as(pause.err()).isZero();
    assertThat(pause.out()).contains("service/web: pause of plan deploy accepted")
        .contains("service/web: plan deploy paused (COMPLETE)");
    assertThat(drover("describe", "service", "web").out()).contains("deploy: COMPLETE (paused)");

    Run holdUpdates = drover("pause", "plan", "web", "update", "--wait", "--timeout", "60s");
    assertThat(holdUpdates.out()).contains("service/web: plan update paused (PENDING)");

    Run resume = drover("resume", "plan", "web", "--wait", "--timeout", "60s");
    assertThat(resume.exit()).as(resume.err()).isZero();
    assertThat(resume.out()).contains("service/web: plan deploy resumed (COMPLETE)");
    assertThat(drover("describe", "service", "web").out()).doesNotContain("deploy: COMPLETE (paused)")
        .contains("update: PENDING (paused)");
  }

  @Test
  void refusalsAreNegativeAnswersAndUsageErrorsSaySo() {
    Run unknownPod = drover("restart", "pod", "web", "web-7");
    assertThat(unknownPod.exit()).isEqualTo(1);
    assertThat(unknownPod.err()).contains("error: service/web: restart of pod web-7 refused: ")
        .contains("has no pod instance web-7");

    Run unknownService = drover("replace", "pod", "ghost", "web-0");
    assertThat(unknownService.exit()).isEqualTo(1);
    assertThat(unknownService.err()).contains("error: service/ghost not found");

    Run unknownPlan = drover("pause", "plan", "web", "rollout");
    assertThat(unknownPlan.exit()).isEqualTo(2);
    assertThat(unknownPlan.err()).contains("unknown plan 'rollout': use one of deploy, update, recovery");

    Run noKind = drover("restart", "web", "web-0");
    assertThat(noKind.exit()).isEqualTo(2);
    assertThat(noKind.err()).contains("Missing required parameter: 'POD-INDEX'")
        .contains("Run 'drover restart --help' for usage.");

    Run otherKind = drover("restart", "node", "web", "web-0");
    assertThat(otherKind.exit()).isEqualTo(2);
    assertThat(otherKind.err()).contains("unknown resource 'node': write 'restart pod SERVICE POD-INDEX'");
  }

  @Test
  void aReplicaWithAnApiTokenRefusesTheActionWithoutItAndTakesItFromTheEnvironment() throws Exception {
    ControllerConfig config = cluster.config("guarded").withApiToken(Secret.of("s3cret"));
    try (Controller guarded = Controller.start(config, cluster.runtimes(Duration.ofMinutes(1)))) {
      String url = "http://" + guarded.self().httpAddress();

      Run without = drover("pause", "plan", "web", "--controller", url);
      assertThat(without.exit()).isEqualTo(3);
      assertThat(without.err()).contains("error: service/web: pause of plan deploy refused: ")
          .contains("(pass --api-token-file FILE or set DROVER_API_TOKEN)");

      Run with = drover(Map.of("DROVER_API_TOKEN", "s3cret"), "pause", "plan", "web", "--controller", url);
      assertThat(with.exit()).as(with.err()).isZero();
      assertThat(with.out()).contains("service/web: pause of plan deploy accepted");
    }
  }

  private Map<String, String> taskIds() throws Exception {
    ServiceStatus status = cluster.statuses().read("web").map(StatusDocument::status).orElseThrow();
    return status.tasks().stream().collect(Collectors.toMap(TaskRow::name, TaskRow::taskId));
  }

  private Run drover(String... args) {
    return drover(Map.of(), args);
  }

  private Run drover(Map<String, String> vars, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new HashMap<>(vars);
    env.put("DROVER_ZK", cluster.zkConnectString());
    env.put("DROVER_ROOT", cluster.paths().root());
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]), env, false, Clock.systemUTC(), dir);
    int exit = Main.run(context, args);
    return new Run(exit, out.toString(), err.toString());
  }
}

package io.drover.controller.app;

import static io.drover.controller.app.DroverCluster.assertRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Documents in ZooKeeper drive services on Mesos: a real ZooKeeper, mesos-local running real
 * processes, and a controller with the production wiring.
 */
class ControllerEndToEndTest {
  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(1).build();

  private static boolean ready(ServiceStatus s, long generation) {
    Condition ready = s.condition(Condition.READY);
    return s.observedGeneration() == generation && ready != null && ready.isTrue();
  }

  @Test
  void applyEditInvalidEditAndDelete() throws Exception {
    long g0 = drover.apply("web", Docs.service("web", 2, "exec sleep 600"));
    ServiceStatus first = drover.awaitStatus("web", s -> ready(s, g0));
    assertThat(first.phase()).isEqualTo(Phase.RUNNING);
    assertThat(first.tasks()).hasSize(2);
    Map<String, String> v0 = drover.liveTasks("web");
    assertRunning(v0, 2);

    // Edit count and cmd: a rolling update, then Ready with the new generation observed.
    long g1 = drover.apply("web", Docs.service("web", 3, "exec sleep 601"));
    ServiceStatus updated = drover.awaitStatus("web", s -> ready(s, g1));
    assertThat(updated.phase()).isEqualTo(Phase.RUNNING);
    Map<String, String> v1 = drover.liveTasks("web");
    assertRunning(v1, 3);
    assertThat(v1.keySet()).doesNotContainAnyElementsOf(v0.keySet());

    // An invalid edit: status Invalid with the errors, the tasks of generation 1 keep running.
    long g2 = drover.apply("web", Docs.invalid("web"));
    ServiceStatus invalid = drover.awaitStatus("web", s -> s.phase() == Phase.INVALID && s.observedGeneration() == g2);
    assertThat(invalid.errors()).containsExactly("spec.pods.web.tasks.server.cpus: Invalid value: -1: must be greater than 0");
    assertThat(invalid.condition(Condition.ACCEPTED).reason()).isEqualTo("InvalidSpec");
    assertThat(invalid.specHash()).isEqualTo(updated.specHash());
    assertThat(drover.liveTasks("web")).isEqualTo(v1);

    // Delete: uninstalled, status gone, no task left.
    drover.delete("web");
    drover.awaitNoStatus("web");
    assertThat(drover.liveTasks("web")).isEmpty();
    assertThat(drover.leader().runtime().orElseThrow().manager().services()).doesNotContainKey("web");
  }

  @Test
  void aDocumentWrittenWithZkCliIsDeployed() throws Exception {
    drover.user().create().creatingParentsIfNeeded().forPath(DroverCluster.paths().services());
    String doc = Docs.service("by-hand", 1, "exec sleep 600");

    zkCli("create", DroverCluster.paths().service("by-hand"), doc);

    ServiceStatus st = drover.awaitStatus("by-hand", s -> ready(s, 0));
    assertThat(st.tasks()).hasSize(1);
    assertRunning(drover.liveTasks("by-hand"), 1);
  }

  /** Runs the real zkCli as its own process, as zkCli.sh does. */
  private void zkCli(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "org.apache.zookeeper.ZooKeeperMain", "-server", drover.zkConnectString()));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as(out).isZero();
    } finally {
      p.destroyForcibly();
    }
    await().atMost(DroverCluster.WAIT).until(() -> drover.user().checkExists().forPath(command[1]) != null);
  }
}

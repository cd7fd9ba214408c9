package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.ValidatorIdentity;
import io.drover.api.status.Condition;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.ServiceStatus;
import io.drover.cli.CliContext;
import io.drover.cli.Main;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.StorePaths;
import io.drover.local.ChildProcess;
import io.drover.local.TestZooKeeper;
import io.drover.mesoslocal.ClusterState;
import io.drover.mesoslocal.MesosLocal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover controller} replicas as real processes against a real ZooKeeper and mesos-local:
 * the leader killed hard (SIGKILL) and stopped gracefully (SIGTERM), with the failover times
 * printed; and {@code --uninstall} from the command line.
 */
class ControllerProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SESSION_TIMEOUT = "3s";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestingServer zk;

  @TempDir Path dir;

  private final String root = "/t-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ChildProcess> children = new ArrayList<>();
  private MesosLocal mesos;
  private CuratorFramework client;
  private DesiredStore desired;
  private StatusStore statuses;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    zk = TestZooKeeper.start();
  }

  @AfterAll
  static void stopZooKeeper() throws Exception {
    zk.close();
  }

  @BeforeEach
  void start() {
    mesos = MesosLocal.builder().agents(2).agentResources("cpus:2;mem:2048;disk:4096;ports:[31000-31100]")
        .heartbeatInterval(Duration.ofSeconds(1)).allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1)).workDir(dir.resolve("mesos")).start();
    client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    client.start();
    desired = DesiredStore.create(client, new StorePaths(root));
    statuses = StatusStore.create(client, new StorePaths(root));
  }

  @AfterEach
  void stop() throws Exception {
    for (ChildProcess c : children) {
      c.close();
    }
    client.close();
    mesos.close();
  }

  /** A replica as its own JVM; returns it with its HTTP base URL. */
  private Replica replica(String id) throws Exception {
    ChildProcess p = ChildProcess.drover(dir.resolve(id + ".log"), "controller",
        "--zk", zk.getConnectString(), "--root", root, "--zk-timeout", SESSION_TIMEOUT,
        "--master", mesos.url(), "--framework-name", "drover-test", "--id", id,
        "--http-host", "127.0.0.1", "--advertise-host", "127.0.0.1", "--http-port", "0",
        "--session-timeout", SESSION_TIMEOUT);
    children.add(p);
    String address = p.awaitLine("HTTP API on (\\S+)", WAIT);
    return new Replica(id, p, "http://" + address);
  }

  private record Replica(String id, ChildProcess process, String base) {}

  private JsonNode leaderView(Replica r) throws Exception {
    HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(r.base() + "/v1/leader")).build(),
        HttpResponse.BodyHandlers.ofString());
    return res.statusCode() == 200 ? JSON.readTree(res.body()) : JSON.createObjectNode();
  }

  /** The replica that leads and has reconciled, and when its first reconcile was. */
  private Map.Entry<Replica, Instant> awaitLeaderAmong(List<Replica> replicas) {
    return await().atMost(WAIT).until(() -> {
      for (Replica r : replicas) {
        JsonNode v = leaderView(r);
        if (v.path("leading").asBoolean() && v.hasNonNull("firstReconcile")) {
          return Optional.of(Map.entry(r, Instant.parse(v.get("firstReconcile").asText())));
        }
      }
      return Optional.<Map.Entry<Replica, Instant>>empty();
    }, Optional::isPresent).orElseThrow();
  }

  private ServiceStatus awaitReady(String name, long generation) {
    return await().atMost(WAIT).until(() -> statuses.read(name).map(StatusDocument::status),
        s -> s.isPresent() && s.get().observedGeneration() == generation
            && s.get().condition(Condition.READY) != null && s.get().condition(Condition.READY).isTrue()).orElseThrow();
  }

  private Map<String, String> liveTasks(String service) {
    Map<String, String> out = new TreeMap<>();
    for (ClusterState.Task t : mesos.state().tasks()) {
      if (t.id().startsWith(service + "__") && !List.of("TASK_FINISHED", "TASK_KILLED", "TASK_FAILED", "TASK_LOST", "TASK_GONE").contains(t.state())) {
        out.put(t.id(), t.state());
      }
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLeaderKilledHardIsReplacedAfterTheSessionTimeoutAndAGracefulStopHandsOverAtOnce() throws Exception {
    List<Replica> replicas = new ArrayList<>(List.of(replica("r0"), replica("r1"), replica("r2")));
    desired.create("web", bytes(Docs.service("web", 2, "exec sleep 1000")));
    Replica leader = awaitLeaderAmong(replicas).getKey();
    awaitReady("web", 0);
    Map<String, String> before = liveTasks("web");
    assertThat(before).hasSize(2).containsValues("TASK_RUNNING");

    Instant killed = Instant.now();
    leader.process().kill();
    replicas.remove(leader);
    desired.create("api", bytes(Docs.service("api", 1, "exec sleep 1000")));
    Map.Entry<Replica, Instant> next = awaitLeaderAmong(replicas);
    Duration failover = Duration.between(killed, next.getValue());
    System.out.println("FAILOVER leader killed with SIGKILL -> new leader's first reconcile: " + failover.toMillis()
        + " ms (ZooKeeper session timeout " + SESSION_TIMEOUT + ")");
    assertThat(failover).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10));
    awaitReady("api", 0);
    assertThat(liveTasks("web")).isEqualTo(before);

    Instant stopped = Instant.now();
    assertThat(next.getKey().process().stop()).isEqualTo(143);
    replicas.remove(next.getKey());
    Map.Entry<Replica, Instant> last = awaitLeaderAmong(replicas);
    Duration handover = Duration.between(stopped, last.getValue());
    System.out.println("FAILOVER leader stopped with SIGTERM -> new leader's first reconcile: " + handover.toMillis() + " ms");
    assertThat(handover).isLessThan(Duration.ofSeconds(3));
    assertThat(liveTasks("web")).isEqualTo(before);
    assertThat(liveTasks("api")).hasSize(1);
  }

  @Test
  void eachStatusRecordsTheCheckOfTheDocumentVersionTheControllerDecoded() throws Exception {
    replica("r0");
    desired.create("web", bytes(Docs.service("web", 2, "exec sleep 1000")));
    long created = client.checkExists().forPath(root + "/services/web").getMzxid();
    assertThat(awaitReady("web", 0).checked()).isEqualTo(new DocumentCheck(created, ValidatorIdentity.current(), 2));

    desired.update("web", bytes(Docs.service("web", 3, "exec sleep 1000")), 0);
    long updated = client.checkExists().forPath(root + "/services/web").getMzxid();
    assertThat(awaitReady("web", 1).checked()).isEqualTo(new DocumentCheck(updated, ValidatorIdentity.current(), 3));
  }

  @Test
  void uninstallFromTheCommandLineLeavesNothingButTheDocuments() throws Exception {
    Replica r = replica("r0");
    desired.create("web", bytes(Docs.service("web", 2, "exec sleep 1000")));
    awaitReady("web", 0);
    assertThat(r.process().stop()).isEqualTo(143);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        System.in, Map.of(), false, Clock.systemUTC(), dir);
    int exit = Main.run(context, "controller", "--uninstall", "--zk", zk.getConnectString(), "--root", root,
        "--master", mesos.url(), "--framework-name", "drover-test", "--id", "uninstaller", "--http-port", "0");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("framework torn down");
    assertThat(mesos.state().frameworks()).isEmpty();
    assertThat(liveTasks("web")).isEmpty();
    assertThat(desired.read("web")).isPresent();
    assertThat(client.checkExists().forPath(root + "/scheduler")).isNull();
    assertThat(statuses.read("web")).isEmpty();
  }
}

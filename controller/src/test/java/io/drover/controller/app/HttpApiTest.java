package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.ha.ZkFixture;
import io.drover.controller.http.ApiServer;
import io.drover.controller.metrics.ControllerMetrics;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreConnection;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API of standby replicas over real HTTP, with real caches and a real election: reads
 * come from the caches, every replica lists the election's members, and an operator action sent
 * to a standby is answered with the leader's address.
 */
class HttpApiTest {
  private static final StorePaths PATHS = new StorePaths("/drover");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();
  private ZkFixture zk;
  private CuratorFramework writer;

  @BeforeEach
  void start() throws Exception {
    zk = new ZkFixture();
    writer = zk.client(Duration.ofSeconds(10));
    writer.create().creatingParentsIfNeeded().forPath(PATHS.service("hello"), """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: hello}
        spec:
          pods:
            hello:
              tasks:
                greeter: {cmd: "sleep 100", cpus: 0.1, memory: 32}
        """.getBytes(StandardCharsets.UTF_8));
    writer.create().creatingParentsIfNeeded().forPath(PATHS.service("broken"), "spec: {pods: 3}".getBytes(StandardCharsets.UTF_8));
    ServiceStatus running = new ServiceStatus(0, "abc", Phase.RUNNING,
        List.of(new Condition(Condition.READY, Condition.TRUE, "Running", "1 of 1 tasks running", "2024-01-01T00:00:00Z")),
        List.of(), List.of(), List.of(), null);
    writer.create().creatingParentsIfNeeded().forPath(PATHS.status("hello"), Services.statusMapper().writeValueAsBytes(running));
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    executors.forEach(ExecutorService::shutdownNow);
    zk.close();
  }

  private ExecutorService executor() {
    ExecutorService e = Executors.newSingleThreadExecutor();
    executors.add(e);
    return e;
  }

  /** A replica without a scheduler: caches, election and HTTP API, as every standby runs them. */
  private record Replica(ApiServer api, LeaderElection election) {
    String base() {
      return "http://127.0.0.1:" + api.address().getPort();
    }
  }

  private Replica replica(String id) throws Exception {
    StoreConnection store = StoreConnection.open(ZkSettings.of(zk.server.getConnectString()));
    closeables.add(store);
    ChildrenCache<DesiredEntry> desired = store.desiredCache(executor(), executor(), name -> Optional.empty());
    ChildrenCache<StatusDocument> statuses = store.statusCache(executor());
    desired.start();
    statuses.start();
    closeables.add(desired);
    closeables.add(statuses);
    LeaderElection[] election = new LeaderElection[1];
    PrometheusMeterRegistry metrics = ControllerMetrics.newRegistry();
    ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0),
        new ReplicaView(store, desired, statuses, () -> election[0], Optional::empty),
        Optional::empty, metrics, Executors.newFixedThreadPool(2));
    closeables.add(api);
    election[0] = LeaderElection.create(store, new ReplicaInfo(id, "127.0.0.1:" + api.address().getPort()), executor(), Clock.systemUTC());
    store.bindMetrics(metrics);
    election[0].start();
    closeables.add(election[0]);
    return new Replica(api, election[0]);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyReplicaServesServicesLeaderHealthAndMetrics() throws Exception {
    Replica leader = replica("leader");
    await().atMost(Duration.ofSeconds(10)).until(() -> leader.election().currentTerm().isPresent());
    Replica a = replica("a");
    // A standby is ready once its caches are loaded; the leader only once its scheduler runs.
    await().atMost(Duration.ofSeconds(10)).until(() -> get(a.base() + "/readyz").statusCode() == 200);
    HttpResponse<String> leaderReady = get(leader.base() + "/readyz");
    assertThat(leaderReady.statusCode()).isEqualTo(503);
    assertThat(leaderReady.body()).contains("elected leader; the scheduler is starting");

    JsonNode list = JSON.readTree(get(a.base() + "/v1/services").body());
    assertThat(list.get("services")).hasSize(2);
    assertThat(list.get("services").get(1).get("name").asText()).isEqualTo("hello");
    assertThat(list.get("services").get(1).get("phase").asText()).isEqualTo("Running");
    assertThat(list.get("services").get(1).get("ready").asBoolean()).isTrue();

    JsonNode broken = JSON.readTree(get(a.base() + "/v1/services/broken").body());
    assertThat(broken.get("valid").asBoolean()).isFalse();
    assertThat(broken.get("errors").get(0).asText()).isEqualTo("apiVersion: Required value");
    JsonNode hello = JSON.readTree(get(a.base() + "/v1/services/hello").body());
    assertThat(hello.get("status").get("conditions").get(0).get("type").asText()).isEqualTo("Ready");
    assertThat(get(a.base() + "/v1/services/nope").statusCode()).isEqualTo(404);

    JsonNode leaderView = JSON.readTree(get(a.base() + "/v1/leader").body());
    assertThat(leaderView.get("leader").get("id").asText()).isEqualTo("leader");
    assertThat(leaderView.get("leader").get("address").asText()).isEqualTo("127.0.0.1:" + leader.api().address().getPort());
    assertThat(leaderView.get("self").get("id").asText()).isEqualTo("a");
    assertThat(leaderView.get("leading").asBoolean()).isFalse();

    JsonNode replicas = JSON.readTree(get(a.base() + "/v1/replicas").body()).get("replicas");
    assertThat(replicas).hasSize(2);
    assertThat(replicas.get(0).get("id").asText()).isEqualTo("leader");
    assertThat(replicas.get(0).get("leader").asBoolean()).isTrue();
    assertThat(replicas.get(0).get("self").asBoolean()).isFalse();
    assertThat(replicas.get(1).get("id").asText()).isEqualTo("a");
    assertThat(replicas.get(1).get("address").asText()).isEqualTo("127.0.0.1:" + a.api().address().getPort());
    assertThat(replicas.get(1).get("leader").asBoolean()).isFalse();
    assertThat(replicas.get(1).get("self").asBoolean()).isTrue();
    assertThat(get(a.base() + "/").body()).contains("<title>Drover</title>");

    assertThat(get(a.base() + "/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = get(a.base() + "/metrics");
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body()).contains("drover_zookeeper_connection{state=\"connected\"} 1.0");
    assertThat(post(a.base() + "/v1/services").statusCode()).isEqualTo(405);
  }

  @Test
  void aStandbyAnswersOperatorActionsWithTheLeadersAddress() throws Exception {
    Replica a = replica("a");
    await().atMost(Duration.ofSeconds(10)).until(() -> a.election().currentTerm().isPresent());
    Replica b = replica("b");

    HttpResponse<String> r = post(b.base() + "/v1/services/hello/pods/hello-0/restart");

    assertThat(r.statusCode()).isEqualTo(307);
    String leaderAddress = "127.0.0.1:" + a.api().address().getPort();
    assertThat(r.headers().firstValue("Location")).contains("http://" + leaderAddress + "/v1/services/hello/pods/hello-0/restart");
    assertThat(JSON.readTree(r.body()).get("leader").asText()).isEqualTo(leaderAddress);

    a.election().close();
    await().atMost(Duration.ofSeconds(10)).until(() -> b.election().currentTerm().isPresent());
    JsonNode leader = JSON.readTree(get(b.base() + "/v1/leader").body());
    assertThat(leader.get("leader").get("id").asText()).isEqualTo("b");
    JsonNode replicas = JSON.readTree(get(b.base() + "/v1/replicas").body()).get("replicas");
    assertThat(replicas).hasSize(1);
    assertThat(replicas.get(0).get("id").asText()).isEqualTo("b");
    assertThat(replicas.get(0).get("leader").asBoolean()).isTrue();
  }
}

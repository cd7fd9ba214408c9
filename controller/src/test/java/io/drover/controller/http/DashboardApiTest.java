package io.drover.controller.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.PlanStatus.PhaseStatus;
import io.drover.api.status.PlanStatus.StepStatus;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.ha.ElectionMember;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.metrics.ControllerMetrics;
import io.drover.controller.security.BearerTokenFilter;
import io.drover.controller.security.Secret;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the web dashboard reads, over real HTTP from an {@link ApiServer} on an in-memory view: its
 * files with their content types and headers, the compact service list, {@code /v1/replicas},
 * revalidation (ETag, 304), gzip, and the bearer-token rule (reads open).
 */
class DashboardApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReplicaInfo A = new ReplicaInfo("a", "127.0.0.1:8080");
  private static final ReplicaInfo B = new ReplicaInfo("b", "127.0.0.1:8081");

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ServiceView> services = new CopyOnWriteArrayList<>();
  private ApiServer server;

  /** The replica's data, in memory: {@code b} serves, {@code a} leads. */
  private final class InMemoryView implements ControllerView {
    @Override
    public List<ServiceView> services() {
      return List.copyOf(services);
    }

    @Override
    public Optional<ServiceView> service(String name) {
      return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public LeaderView leader() {
      return new LeaderView(B, A, false, null, null);
    }

    @Override
    public List<ElectionMember> replicas() {
      return List.of(new ElectionMember(A, true), new ElectionMember(B, false));
    }

    @Override
    public List<String> notReadyReasons() {
      return List.of();
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String start(Optional<Secret> token) throws Exception {
    server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), new InMemoryView(), Optional::empty,
        ControllerMetrics.newRegistry(), Executors.newFixedThreadPool(2), BearerTokenFilter.of(token));
    return "http://127.0.0.1:" + server.address().getPort();
  }

  private HttpResponse<byte[]> send(String url, String method, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static TaskRow task(int i, String state) {
    return new TaskRow("web-" + i + "-server", "web__web-" + i + "-server__x", state, "agent-1", "host-1",
        Map.of("http", 31000 + i), null, null, null);
  }

  @Test
  void taskLogsSayWhyTheyCannotBeRead() throws Exception {
    String base = start(Optional.empty());
    services.add(new ServiceView("web", 1L, true, List.of(), new ServiceStatus(1, "h", Phase.RUNNING, List.of(),
        List.of(), List.of(task(0, "TASK_RUNNING")), List.of(), null)));

    HttpResponse<String> noMaster = get(base + "/v1/logs/web/web-0-server?stream=stderr");
    assertThat(noMaster.statusCode()).isEqualTo(503);
    assertThat(noMaster.body()).contains("no Mesos master configured");
    assertThat(get(base + "/v1/logs/web/web-9-server").body()).contains("no launched task web-9-server in service web");
    assertThat(get(base + "/v1/logs/nope/web-0-server").statusCode()).isEqualTo(404);
    assertThat(get(base + "/v1/logs/web").statusCode()).isEqualTo(404);
    assertThat(get(base + "/v1/logs/web/web-0-server?stream=stdin").statusCode()).isEqualTo(400);
    assertThat(send(base + "/v1/logs/web/web-0-server", "POST", Map.of()).statusCode()).isEqualTo(405);
  }

  @Test
  void theDashboardsFilesComeFromTheJarWithTheirTypesAndHeaders() throws Exception {
    String base = start(Optional.empty());

    HttpResponse<String> page = get(base + "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"assets/dashboard.js\" defer></script>")
        .doesNotContain("http://", "https://");
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains(DashboardHandler.CONTENT_SECURITY_POLICY);
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(get(base + "/assets/dashboard.js").headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(get(base + "/assets/dashboard.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(get(base + "/assets/favicon.svg").headers().firstValue("Content-Type")).contains("image/svg+xml");

    HttpResponse<byte[]> head = send(base + "/", "HEAD", Map.of());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(get(base + "/assets/nope.js").statusCode()).isEqualTo(404);
    assertThat(get(base + "/index.php").statusCode()).isEqualTo(404);
    HttpResponse<byte[]> post = send(base + "/", "POST", Map.of());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
  }

  @Test
  void anUnchangedResourceIsA304AndALargeOneIsGzipped() throws Exception {
    String base = start(Optional.empty());
    for (int i = 0; i < 50; i++) {
      services.add(new ServiceView(String.format("svc-%03d", i), 1L, true, List.of(), null));
    }

    HttpResponse<String> first = get(base + "/v1/services");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("W/\"");
    assertThat(first.headers().firstValue("Cache-Control")).contains("no-cache");

    HttpResponse<byte[]> again = send(base + "/v1/services", "GET", Map.of("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    services.add(new ServiceView("svc-new", 1L, true, List.of(), null));
    assertThat(send(base + "/v1/services", "GET", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> zipped = send(base + "/v1/services", "GET", Map.of("Accept-Encoding", "gzip"));
    assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
    assertThat(JSON.readTree(plain).get("services")).hasSize(51);
    assertThat(zipped.body().length).isLessThan(plain.length / 4);
  }

  @Test
  void theListHasOneSmallRowPerServiceWithWhatItWaitsFor() throws Exception {
    String base = start(Optional.empty());
    Condition notReady = new Condition(Condition.READY, Condition.FALSE, "Deploying", "1 of 2 tasks running", null);
    services.add(new ServiceView("web", 3L, true, List.of(),
        new ServiceStatus(2, "h", Phase.DEPLOYING, List.of(notReady), List.of(),
            List.of(task(0, "TASK_RUNNING"), task(1, "TASK_STAGING")), List.of(), null)));
    services.add(new ServiceView("bad", 1L, false, List.of("spec.pods: Required value"), null));
    PlanStatus deploy = new PlanStatus("deploy", "IN_PROGRESS", List.of(new PhaseStatus("web", "IN_PROGRESS", List.of(
        new StepStatus("web-0", "COMPLETE", null), new StepStatus("web-1", "IN_PROGRESS", "waiting for an offer that fits")))));
    services.add(new ServiceView("huge", 1L, true, List.of(),
        new ServiceStatus(1, "h", Phase.DEPLOYING, List.of(notReady), List.of(deploy), List.of(), List.of(), null)));
    Condition ready = new Condition(Condition.READY, Condition.TRUE, "Running", "2 running", null);
    services.add(new ServiceView("fine", 1L, true, List.of(),
        new ServiceStatus(1, "h", Phase.RUNNING, List.of(ready), List.of(deploy), List.of(), List.of(), null)));

    JsonNode rows = JSON.readTree(get(base + "/v1/services").body()).get("services");

    JsonNode web = rows.get(0);
    assertThat(web.get("name").asText()).isEqualTo("web");
    assertThat(web.get("generation").asLong()).isEqualTo(3);
    assertThat(web.get("observedGeneration").asLong()).isEqualTo(2);
    assertThat(web.get("phase").asText()).isEqualTo("Deploying");
    assertThat(web.get("ready").asBoolean()).isFalse();
    assertThat(web.get("tasks").asInt()).isEqualTo(2);
    assertThat(web.get("running").asInt()).isEqualTo(1);
    assertThat(web.get("message").asText()).isEqualTo("1 of 2 tasks running");
    JsonNode bad = rows.get(1);
    assertThat(bad.get("valid").asBoolean()).isFalse();
    assertThat(bad.get("message").asText()).isEqualTo("spec.pods: Required value");
    assertThat(bad.get("phase").isNull()).isTrue();
    assertThat(rows.get(2).get("message").asText()).isEqualTo("web-1: waiting for an offer that fits");
    assertThat(rows.get(3).get("ready").asBoolean()).isTrue();
    assertThat(rows.get(3).get("message").isNull()).isTrue();
  }

  @Test
  void aServicesEventsAreServedOnTheirOwnAndInItsView() throws Exception {
    String base = start(Optional.empty());
    List<ServiceEvent> events = List.of(
        new ServiceEvent("2026-01-01T00:00:00Z", "Launched", "web-0-server", "launched web__web-0-server__a on host-1"),
        new ServiceEvent("2026-01-01T00:00:09Z", "Killed", "web-0-server", "web-0-server was killed after its health check failed 3 times in a row"));
    services.add(new ServiceView("web", 1L, true, List.of(),
        new ServiceStatus(1, "h", Phase.DEGRADED, List.of(), List.of(), List.of(), List.of(), null, events)));
    services.add(new ServiceView("new", 0L, true, List.of(), null));

    HttpResponse<String> answer = get(base + "/v1/services/web/events");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(answer.body()).get("events");
    assertThat(list).hasSize(2);
    assertThat(list.get(1).get("time").asText()).isEqualTo("2026-01-01T00:00:09Z");
    assertThat(list.get(1).get("type").asText()).isEqualTo("Killed");
    assertThat(list.get(1).get("subject").asText()).isEqualTo("web-0-server");
    assertThat(list.get(1).get("message").asText()).contains("health check failed 3 times");
    assertThat(JSON.readTree(get(base + "/v1/services/web").body()).get("status").get("events")).hasSize(2);
    assertThat(JSON.readTree(get(base + "/v1/services/new/events").body()).get("events")).isEmpty();
    assertThat(get(base + "/v1/services/nothing/events").statusCode()).isEqualTo(404);
    assertThat(send(base + "/v1/services/web/events", "POST", Map.of()).statusCode()).isEqualTo(405);
  }

  @Test
  void replicasListsEveryMemberWithTheLeaderAndTheOneAnswering() throws Exception {
    String base = start(Optional.empty());

    JsonNode replicas = JSON.readTree(get(base + "/v1/replicas").body()).get("replicas");

    assertThat(replicas).hasSize(2);
    assertThat(replicas.get(0).get("id").asText()).isEqualTo("a");
    assertThat(replicas.get(0).get("address").asText()).isEqualTo("127.0.0.1:8080");
    assertThat(replicas.get(0).get("leader").asBoolean()).isTrue();
    assertThat(replicas.get(0).get("self").asBoolean()).isFalse();
    assertThat(replicas.get(1).get("leader").asBoolean()).isFalse();
    assertThat(replicas.get(1).get("self").asBoolean()).isTrue();
    assertThat(send(base + "/v1/replicas", "POST", Map.of()).statusCode()).isEqualTo(405);
  }

  @Test
  void withAnApiTokenTheDashboardAndItsReadsStayOpen() throws Exception {
    String base = start(Optional.of(Secret.of("t0ken")));

    for (String path : List.of("/", "/assets/dashboard.js", "/v1/services", "/v1/replicas", "/v1/leader")) {
      assertThat(get(base + path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(send(base + "/", "POST", Map.of()).statusCode()).isEqualTo(401);
  }

  @Test
  void ifNoneMatchIsComparedWeaklyAndAsAList() {
    assertThat(Exchanges.matches("W/\"x\"", "W/\"x\"")).isTrue();
    assertThat(Exchanges.matches("\"x\"", "W/\"x\"")).isTrue();
    assertThat(Exchanges.matches("\"y\", W/\"x\"", "W/\"x\"")).isTrue();
    assertThat(Exchanges.matches("*", "W/\"x\"")).isTrue();
    assertThat(Exchanges.matches("\"y\"", "W/\"x\"")).isFalse();
    assertThat(Exchanges.matches(null, "W/\"x\"")).isFalse();
  }
}

package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operator actions and metrics on the leader's HTTP API, against a running service on mesos-local. */
class OperatorApiTest {
  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(2).build();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static boolean ready(ServiceStatus s) {
    Condition ready = s.condition(Condition.READY);
    return ready != null && ready.isTrue();
  }

  private HttpResponse<String> post(Controller c, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + c.self().httpAddress() + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(Controller c, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + c.self().httpAddress() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void theLeaderRestartsPodsAndPausesPlansAndReportsMetrics() throws Exception {
    drover.apply("web", Docs.service("web", 2, "exec sleep 600"));
    drover.awaitStatus("web", OperatorApiTest::ready);
    Controller leader = drover.leader();
    Controller standby = drover.replicas().stream().filter(r -> r != leader).findFirst().orElseThrow();
    Map<String, String> before = drover.liveTasks("web");
    String web0 = before.keySet().stream().filter(id -> id.startsWith("web__web-0-")).findFirst().orElseThrow();

    HttpResponse<String> restart = post(leader, "/v1/services/web/pods/web-0/restart");
    assertThat(restart.statusCode()).as(restart.body()).isEqualTo(202);
    await().atMost(DroverCluster.WAIT).until(() -> {
      Map<String, String> now = drover.liveTasks("web");
      return now.size() == 2 && !now.containsKey(web0) && now.values().stream().allMatch("TASK_RUNNING"::equals);
    });
    Set<String> after = drover.liveTasks("web").keySet();
    assertThat(after).containsAll(before.keySet().stream().filter(id -> !id.equals(web0)).toList());

    assertThat(post(leader, "/v1/services/web/plans/deploy/pause").statusCode()).isEqualTo(202);
    assertThat(post(leader, "/v1/services/web/plans/deploy/resume").statusCode()).isEqualTo(202);
    HttpResponse<String> unknown = post(leader, "/v1/services/web/pods/nope-7/replace");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(new ObjectMapper().readTree(unknown.body()).get("error").asText()).isNotBlank();
    assertThat(post(leader, "/v1/services/ghost/pods/web-0/restart").statusCode()).isEqualTo(404);
    assertThat(post(standby, "/v1/services/web/pods/web-0/restart").statusCode()).isEqualTo(307);

    String metrics = get(leader, "/metrics");
    assertThat(metrics)
        .contains("drover_leader 1.0")
        .containsPattern("drover_reconciles_seconds_count\\{outcome=\"put\"\\} [1-9]")
        .contains("drover_reconcile_queue_depth")
        .contains("drover_tasks{state=\"TASK_RUNNING\"} 2.0")
        .contains("drover_fenced_writes_total 0.0")
        .contains("drover_zookeeper_connection{state=\"connected\"} 1.0")
        .containsPattern("drover_mesos_events_total\\{type=\"OFFERS\"\\} [1-9]")
        .contains("drover_mesos_calls_total");
    assertThat(get(standby, "/metrics")).contains("drover_leader 0.0").doesNotContain("drover_mesos_events_total");
  }
}

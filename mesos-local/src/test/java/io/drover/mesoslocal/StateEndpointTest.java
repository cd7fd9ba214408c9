package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /state} in the shape of Mesos's own, and the Java snapshot. */
class StateEndpointTest {

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().agents(2).agentAttributes(i -> Map.of("zone", "z" + i)).noProcess(true)
        .heartbeatInterval(Duration.ofMillis(500)).allocationInterval(Duration.ofMillis(100)).start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  JsonNode state(String path) throws Exception {
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return new ObjectMapper().readTree(r.body());
  }

  @Test
  void stateListsFrameworksTasksAndAgentsLikeMesos() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("stateful").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("shown", offer, "sleep 100", 0.5, 64).toBuilder()
          .addResources(TestScheduler.ports(31010, 31011, offer)).build());
      s.awaitUpdate("shown", TaskState.TASK_RUNNING);

      JsonNode state = state("/state");
      assertThat(state.path("version").asText()).isEqualTo("1.11.0");
      assertThat(state.path("id").asText()).isEqualTo(cluster.state().masterId());
      assertThat(state.path("leader").asText()).startsWith("master@127.0.0.1:");
      assertThat(state.path("slaves")).hasSize(2);
      JsonNode agent = state.path("slaves").get(0);
      assertThat(agent.path("id").asText()).endsWith("-S0");
      assertThat(agent.path("hostname").asText()).isEqualTo("agent-0.local");
      assertThat(agent.path("resources").path("cpus").asDouble()).isEqualTo(4.0);
      assertThat(agent.path("resources").path("ports").asText()).isEqualTo("[31000-32000]");
      assertThat(agent.path("attributes").path("zone").asText()).isEqualTo("z0");

      JsonNode framework = state.path("frameworks").get(0);
      assertThat(framework.path("id").asText()).isEqualTo(s.frameworkId().getValue());
      assertThat(framework.path("name").asText()).isEqualTo("stateful");
      assertThat(framework.path("active").asBoolean()).isTrue();
      JsonNode task = framework.path("tasks").get(0);
      assertThat(task.path("id").asText()).isEqualTo("shown");
      assertThat(task.path("state").asText()).isEqualTo("TASK_RUNNING");
      assertThat(task.path("slave_id").asText()).isEqualTo(offer.getAgentId().getValue());
      assertThat(task.path("resources").path("ports").asText()).isEqualTo("[31010-31011]");
      assertThat(task.path("resources").path("mem").asDouble()).isEqualTo(64.0);

      JsonNode used = state("/master/state.json").path("slaves");
      double usedCpus = 0;
      for (JsonNode a : used) {
        usedCpus += a.path("used_resources").path("cpus").asDouble();
      }
      assertThat(usedCpus).isEqualTo(0.5);

      ClusterState snapshot = cluster.state();
      assertThat(snapshot.agents()).extracting(ClusterState.Agent::hostname).containsExactly("agent-0.local", "agent-1.local");
      assertThat(snapshot.task("shown")).hasValueSatisfying(t -> {
        assertThat(t.state()).isEqualTo("TASK_RUNNING");
        assertThat(t.agentId()).isEqualTo(offer.getAgentId().getValue());
        assertThat(t.frameworkId()).isEqualTo(s.frameworkId().getValue());
      });
      assertThat(snapshot.framework(s.frameworkId().getValue())).hasValueSatisfying(f -> {
        assertThat(f.connected()).isTrue();
        assertThat(f.roles()).containsExactly("*");
      });
    }
  }

  @Test
  void unknownPathsAre404() throws Exception {
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/nope")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }
}

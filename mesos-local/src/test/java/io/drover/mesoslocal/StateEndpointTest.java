package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
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
      assertThat(task.path("statuses")).extracting(st -> st.path("state").asText())
          .containsExactly("TASK_STARTING", "TASK_RUNNING");
      assertThat(agent.path("capabilities")).extracting(JsonNode::asText).contains("MULTI_ROLE", "RESERVATION_REFINEMENT");
      assertThat(agent.path("version").asText()).isEqualTo("1.11.0");
      assertThat(agent.has("reserved_resources_full")).as("only /slaves has it, as in Mesos").isFalse();

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
  @SuppressWarnings("deprecation") // The endpoint format repeats the reservation in the pre-refinement fields.
  void slavesListsEveryReservationInFull() throws Exception {
    FrameworkInfo info = TestScheduler.framework("full").addRoles(ReservationsTest.ROLE).setPrincipal("drover")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT))
        .build();
    try (TestScheduler s = TestScheduler.subscribe(cluster, info)) {
      Offer offer = s.awaitOffer();
      s.accept(offer.getId(), ReservationsTest.reserve(ReservationsTest.reserved("cpus", 1, offer)));
      String agentId = offer.getAgentId().getValue();
      org.awaitility.Awaitility.await().atMost(TestScheduler.WAIT).until(() -> {
        for (JsonNode a : state("/slaves").path("slaves")) {
          if (a.path("id").asText().equals(agentId) && a.path("reserved_resources_full").has(ReservationsTest.ROLE)) {
            return true;
          }
        }
        return false;
      });
      JsonNode full = null;
      for (JsonNode a : state("/master/slaves").path("slaves")) {
        if (a.path("id").asText().equals(agentId)) {
          full = a.path("reserved_resources_full").path(ReservationsTest.ROLE).get(0);
        }
      }
      assertThat(full.path("name").asText()).isEqualTo("cpus");
      assertThat(full.path("role").asText()).isEqualTo(ReservationsTest.ROLE);
      assertThat(full.path("reservation").path("principal").asText()).isEqualTo("drover");
      assertThat(full.path("reservations").get(0).path("labels").path("labels").get(0).path("key").asText())
          .isEqualTo("namespace");
    }
  }

  @Test
  void unknownPathsAre404() throws Exception {
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/nope")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(404);
  }
}

package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusMapperTest {
  private final ObjectMapper mapper = Services.statusMapper();

  @Test
  void statusRoundTrips() throws Exception {
    ServiceStatus status =
        new ServiceStatus(
            7,
            "abc",
            Phase.DEGRADED,
            List.of(
                new Condition(
                    Condition.READY,
                    Condition.FALSE,
                    "TaskFailing",
                    "web-0-server failed",
                    "2024-05-01T10:00:00Z")),
            List.of(
                new PlanStatus(
                    "deploy",
                    "IN_PROGRESS",
                    List.of(
                        new PlanStatus.PhaseStatus(
                            "web",
                            "IN_PROGRESS",
                            List.of(new PlanStatus.StepStatus("web-0", "STARTING", null)))))),
            List.of(
                new TaskRow(
                    "web-0-server",
                    "svc__web-0-server__1",
                    "TASK_RUNNING",
                    "a1",
                    "host1",
                    Map.of("http", 31000),
                    true,
                    false,
                    null)),
            List.of("spec.pods.web.tasks.server.cpus: Invalid value: -1: must be greater than 0"),
            "2 task rows left out");
    String json = mapper.writeValueAsString(status);
    assertThat(json).contains("\"phase\":\"Degraded\"").doesNotContain("\"true\"");
    assertThat(mapper.readValue(json, ServiceStatus.class)).isEqualTo(status);
  }

  @Test
  void aPausedPlanSaysSoAndAnotherOmitsTheFlag() throws Exception {
    String paused = mapper.writeValueAsString(new PlanStatus("update", "PENDING", true, List.of()));
    String running = mapper.writeValueAsString(new PlanStatus("deploy", "COMPLETE", List.of()));
    assertThat(paused).isEqualTo("{\"name\":\"update\",\"status\":\"PENDING\",\"paused\":true}");
    assertThat(running).isEqualTo("{\"name\":\"deploy\",\"status\":\"COMPLETE\"}");
    assertThat(mapper.readValue(paused, PlanStatus.class).paused()).isTrue();
    assertThat(mapper.readValue(running, PlanStatus.class).paused()).isFalse();
  }

  @Test
  void unknownFieldsFromANewerControllerAreIgnored() throws Exception {
    ServiceStatus s =
        mapper.readValue(
            "{\"observedGeneration\":3,\"phase\":\"Running\",\"newField\":{\"x\":1}}",
            ServiceStatus.class);
    assertThat(s.observedGeneration()).isEqualTo(3);
    assertThat(s.phase()).isEqualTo(Phase.RUNNING);
  }
}

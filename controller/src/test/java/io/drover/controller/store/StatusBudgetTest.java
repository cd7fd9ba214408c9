package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.Phase;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusBudgetTest {
  private final ObjectMapper json = Services.statusMapper();

  private static ServiceStatus status(int instances) {
    List<TaskRow> rows = new ArrayList<>();
    List<PlanStatus.StepStatus> steps = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      rows.add(new TaskRow("web-" + i + "-server", "big__web-" + i + "-server__0123456789abcdef", "TASK_RUNNING",
          "agent-" + i, "host-" + i + ".example.com", Map.of("http", 31000 + i % 1000), true, true, null));
      steps.add(new PlanStatus.StepStatus("web-" + i, "COMPLETE", null));
    }
    List<PlanStatus> plans = List.of(new PlanStatus("deploy", "COMPLETE",
        List.of(new PlanStatus.PhaseStatus("web", "COMPLETE", steps))));
    List<Condition> conditions = List.of(new Condition(Condition.READY, Condition.TRUE, "Running",
        instances + " of " + instances + " tasks running", "2024-01-01T00:00:00Z"));
    List<ServiceEvent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      events.add(new ServiceEvent("2024-01-01T00:00:" + (10 + i % 50) + "Z", "Launched", "web-" + i + "-server", "launched " + i));
    }
    return new ServiceStatus(3, "abc", Phase.RUNNING, conditions, plans, rows, List.of(), null, events);
  }

  @Test
  void anOrdinaryStatusIsWrittenWhole() throws Exception {
    ServiceStatus small = status(50);
    assertThat(StatusBudget.fit(small, json.writeValueAsBytes(small), json)).isEqualTo(json.writeValueAsBytes(small));
  }

  @Test
  void aStatusOfThousandsOfInstancesIsCutToFitAndSaysSo() throws Exception {
    ServiceStatus huge = status(20_000);
    assertThat(json.writeValueAsBytes(huge).length).isGreaterThan(StatusBudget.MAX_BYTES);

    byte[] bytes = StatusBudget.fit(huge, json.writeValueAsBytes(huge), json);

    assertThat(bytes.length).isLessThanOrEqualTo(StatusBudget.MAX_BYTES);
    ServiceStatus read = json.readValue(bytes, ServiceStatus.class);
    assertThat(read.phase()).isEqualTo(Phase.RUNNING);
    assertThat(read.conditions()).isEqualTo(huge.conditions());
    assertThat(read.tasks()).isNotEmpty().isEqualTo(huge.tasks().subList(0, read.tasks().size()));
    int kept = read.tasks().size();
    assertThat(read.plans().get(0).phases().get(0).steps()).hasSize(kept);
    assertThat(read.events()).as("the newest events").isEqualTo(huge.events().subList(Math.max(0, 50 - kept), 50));
    assertThat(read.truncated()).isEqualTo((20_000 - kept) + " task row(s), " + (20_000 - kept)
        + " plan step(s) and 0 error(s) left out to keep the status under 512 KiB");
  }

  @Test
  void aCutStatusKeepsTheCheckOfTheDocument() throws Exception {
    DocumentCheck check = new DocumentCheck(42, "0123456789abcdef", 20_000);

    ServiceStatus huge = status(20_000).withChecked(check);
    byte[] bytes = StatusBudget.fit(huge, json.writeValueAsBytes(huge), json);

    ServiceStatus read = json.readValue(bytes, ServiceStatus.class);
    assertThat(read.truncated()).isNotNull();
    assertThat(read.checked()).isEqualTo(check);
  }
}

package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.Phase;
import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.StatusDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table's read of a status gives the rows the whole decode gives, and fails where it fails. */
class TableStatusReaderTest {

  private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");

  /** A status with every field the controller writes, written as the controller writes it. */
  @Test
  void readsWhatTheTableShowsOfAStatusTheControllerWrote() throws Exception {
    ServiceStatus whole = new ServiceStatus(7, "f00d", Phase.DEGRADED,
        List.of(new Condition(Condition.READY, "False", "TasksNotReady", "1/3 tasks ready",
            "2026-01-01T10:01:00Z")),
        List.of(new PlanStatus("deploy", "IN_PROGRESS", true, List.of(new PlanStatus.PhaseStatus(
            "web", "IN_PROGRESS", List.of(new PlanStatus.StepStatus("web-1", "PENDING",
                "waiting for an offer", "cpus")))))),
        List.of(task("web-0", "TASK_RUNNING", true, true), task("web-1", "TASK_STAGING", null, null),
            task("web-2", "TASK_RUNNING", false, true), task("web-3", "TASK_RUNNING", null, false)),
        List.of("agent lost"), "events", List.of(new ServiceEvent("2026-01-01T10:02:00Z",
            "TaskFailed", "web-1", "exited 1")),
        new DocumentCheck(4242, "validator-1", 3));
    byte[] json = Services.statusMapper().writeValueAsBytes(whole);

    ServiceStatus table = TableStatusReader.INSTANCE.read(json);

    assertThat(table.observedGeneration()).isEqualTo(7);
    assertThat(table.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(table.checked()).isEqualTo(whole.checked());
    assertThat(table.tasks()).extracting(TaskRow::state, TaskRow::healthy, TaskRow::ready)
        .containsExactlyElementsOf(whole.tasks().stream()
            .map(t -> tuple(t.state(), t.healthy(), t.ready()))
            .toList());
    assertThat(table.conditions()).isNull();
    assertThat(table.plans()).isNull();
    assertThat(table.errors()).isNull();
    assertThat(table.events()).isNull();
    assertSameRow(json);
  }

  /** Statuses with fields missing, null or unknown to this build: the same rows both ways. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"phase\": \"Running\"}",
      "{\"observedGeneration\": null, \"phase\": null, \"tasks\": null, \"checked\": null}",
      "{\"observedGeneration\": 2, \"tasks\": []}",
      "{\"observedGeneration\": 2, \"future\": {\"nested\": [1, {\"a\": \"b\"}]}, \"phase\": \"Updating\"}",
      "{\"tasks\": [{\"state\": \"TASK_RUNNING\", \"ports\": {\"http\": 31000}, \"extra\": [true]}]}",
      "{\"tasks\": [{\"state\": \"TASK_RUNNING\", \"healthy\": null, \"ready\": null}, {}]}",
      "{\"checked\": {\"mzxid\": 9, \"validator\": \"v\", \"desiredTasks\": 2, \"later\": 1}}",
      "{\"checked\": {}}",
  })
  void readsMissingNullAndUnknownFieldsAsTheWholeDecodeDoes(String json) {
    assertSameRow(json.getBytes(StandardCharsets.UTF_8));
  }

  /** What the whole decode finds unreadable, this read finds unreadable too. */
  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "[]",
      "null",
      "{\"phase\": \"Running\"",
      "{\"phase\": \"Sleeping\"}",
      "{\"observedGeneration\": \"x\"}",
      "{\"observedGeneration\": {}}",
      "{\"tasks\": {\"state\": \"TASK_RUNNING\"}}",
      "{\"tasks\": [{\"ready\": \"x\"}]}",
      "{\"checked\": [1]}",
      "{\"plans\": [{\"name\": }]}",
  })
  void findsUnreadableWhatTheWholeDecodeFindsUnreadable(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    StatusDocument whole = decode(bytes, StatusDocument.WHOLE);
    StatusDocument table = decode(bytes, TableStatusReader.INSTANCE);

    assertThat(whole.status()).as("whole decode of %s", json).isNull();
    assertThat(table.status()).as("table read of %s", json).isNull();
    assertThat(table.error()).startsWith("/drover/status/web holds unreadable status JSON: ");
    assertThat(row(table).phase()).isEqualTo(row(whole).phase()).isEqualTo("Unknown");
  }

  private static void assertSameRow(byte[] json) {
    ServiceRow whole = row(decode(json, StatusDocument.WHOLE));
    ServiceRow table = row(decode(json, TableStatusReader.INSTANCE));
    assertThat(whole.serviceStatus()).isNotNull();
    assertThat(table.phase()).isEqualTo(whole.phase());
    assertThat(table.observed()).isEqualTo(whole.observed());
    assertThat(table.ready()).isEqualTo(whole.ready());
    assertThat(table.serviceStatus().checked()).isEqualTo(whole.serviceStatus().checked());
  }

  private static ServiceRow row(StatusDocument status) {
    return new ServiceRow("web", new DocumentFacts(3, CREATED, true, 4, null), status);
  }

  private static StatusDocument decode(byte[] json, StatusDocument.Reader reader) {
    Stat stat = new Stat();
    stat.setVersion(5);
    return StatusDocument.decode("/drover/status/web", "web", json, stat, reader);
  }

  private static TaskRow task(String name, String state, Boolean healthy, Boolean ready) {
    return new TaskRow(name + "-server", "t__" + name, state, "agent-1", "host-1",
        Map.of("http", 31000), healthy, ready, null);
  }
}

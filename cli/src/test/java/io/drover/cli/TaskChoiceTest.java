package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.api.status.TaskRow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which task {@code drover logs} shows for --pod and --task. */
class TaskChoiceTest {

  private static final List<TaskRow> WEB = List.of(row("web-0-server"), row("web-0-sidecar"), row("web-1-server"),
      row("web-10-server"));

  private static TaskRow row(String name) {
    return new TaskRow(name, "id-" + name, "TASK_RUNNING", "agent", "host", null, null, null, null);
  }

  @Test
  void podAndTaskNameOneTask() throws LogsFailure {
    assertThat(TaskChoice.pick("web", WEB, "web-1", "server").name()).isEqualTo("web-1-server");
    assertThat(TaskChoice.pick("web", WEB, "web-0", "sidecar").name()).isEqualTo("web-0-sidecar");
    assertThat(TaskChoice.pick("web", List.of(row("hello-0-greeter")), null, null).name()).isEqualTo("hello-0-greeter");
  }

  @Test
  void severalMatchesAreAUsageErrorNamingThem() {
    assertThatThrownBy(() -> TaskChoice.pick("web", WEB, null, "server"))
        .isInstanceOfSatisfying(LogsFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessage("service/web has 3 tasks named server: web-0-server, web-1-server, web-10-server; choose one with"
            + " --pod (e.g. --pod web-0) and --task");
  }

  @Test
  void noMatchNamesTheTasksThereAre() {
    assertThatThrownBy(() -> TaskChoice.pick("web", WEB, "web-7", null))
        .isInstanceOfSatisfying(LogsFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NEGATIVE))
        .hasMessage("service/web has no task in pod web-7; its tasks are web-0-server, web-0-sidecar, web-1-server,"
            + " web-10-server");
    assertThatThrownBy(() -> TaskChoice.pick("web", null, null, null)).hasMessageContaining("has no tasks yet");
  }
}

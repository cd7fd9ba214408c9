package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.StatusDocument;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When the operator verbs' --wait is satisfied (with running controllers: OperatorVerbsTest). */
class ActionConditionsTest {

  private static TaskRow row(String name, String id, String state, Boolean ready) {
    return new TaskRow(name, id, state, "a1", "agent-1", Map.of(), null, ready, null);
  }

  private static ServiceView view(List<TaskRow> tasks, List<PlanStatus> plans) {
    ServiceStatus status = new ServiceStatus(0, "h", null, List.of(), plans, tasks, null, null);
    return new ServiceView("web", null,
        new StatusDocument("web", status, null, 1, Instant.EPOCH));
  }

  @Test
  void aPodIsRelaunchedOnceEachTaskRunsUnderANewIdAndIsReady() {
    ActionConditions.PodRelaunched relaunched = new ActionConditions.PodRelaunched("web-0",
        Set.of("web-0-server", "web-0-sidecar"), Set.of("old-1", "old-2"));

    assertThat(relaunched.met(view(List.of(row("web-0-server", "old-1", "TASK_RUNNING", null),
        row("web-0-sidecar", "new-2", "TASK_RUNNING", null)), List.of()))).isFalse();
    assertThat(relaunched.met(view(List.of(row("web-0-server", "new-1", "TASK_STAGING", null),
        row("web-0-sidecar", "new-2", "TASK_RUNNING", null)), List.of()))).isFalse();
    assertThat(relaunched.met(view(List.of(row("web-0-server", "new-1", "TASK_RUNNING", false),
        row("web-0-sidecar", "new-2", "TASK_FINISHED", null)), List.of()))).isFalse();
    ServiceView done = view(List.of(row("web-0-server", "new-1", "TASK_RUNNING", true),
        row("web-0-sidecar", "new-2", "TASK_FINISHED", null)), List.of());
    assertThat(relaunched.met(done)).isTrue();
    assertThat(relaunched.describe(done)).contains("web-0-server TASK_RUNNING on agent-1")
        .contains("web-0-sidecar TASK_FINISHED on agent-1");
  }

  @Test
  void aPlanIsPausedOnceTheStatusSaysSoAndResumedOnceItNoLongerDoes() {
    ServiceView paused = view(List.of(), List.of(new PlanStatus("deploy", "COMPLETE", true, null)));
    ServiceView running = view(List.of(), List.of(new PlanStatus("deploy", "COMPLETE", null)));

    assertThat(new ActionConditions.PlanPaused("deploy", true).met(paused)).isTrue();
    assertThat(new ActionConditions.PlanPaused("deploy", true).met(running)).isFalse();
    assertThat(new ActionConditions.PlanPaused("update", true).met(paused)).isFalse();
    assertThat(new ActionConditions.PlanPaused("deploy", false).met(paused)).isFalse();
    assertThat(new ActionConditions.PlanPaused("deploy", false).met(running)).isTrue();
  }
}

package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.time.ManualTimers;
import io.drover.reconcile.state.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call.Reconcile;
import org.junit.jupiter.api.Test;

class TaskReconciliationTest {

  private final ManualTimers timers = new ManualTimers();
  private final Clock clock = timers.clock();
  private final List<List<Reconcile.Task>> sent = new ArrayList<>();
  private final TaskReconciliation reconciliation = new TaskReconciliation(timers,
      new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4)), Duration.ofMinutes(10), sent::add);

  private static TaskID task(String id) {
    return TaskID.newBuilder().setValue(id).build();
  }

  private static AgentID agent(String id) {
    return AgentID.newBuilder().setValue(id).build();
  }

  private static List<String> ids(List<Reconcile.Task> call) {
    return call.stream().map(t -> t.getTaskId().getValue()).toList();
  }

  @Test
  void nothingToReconcileIsDoneAtOnceAndGoesImplicit() {
    assertThat(reconciliation.begin(Map.of())).isTrue();
    assertThat(sent).isEmpty();

    timers.advance(Duration.ofMinutes(10));
    assertThat(sent).containsExactly(List.of());
    timers.advance(Duration.ofMinutes(10));
    assertThat(sent).containsExactly(List.of(), List.of());
  }

  @Test
  void resendsUnansweredTasksWithTruncatedExponentialBackoffUntilAllAnswer() {
    Map<TaskID, AgentID> known = new LinkedHashMap<>();
    known.put(task("a"), agent("s1"));
    known.put(task("b"), null);

    assertThat(reconciliation.begin(known)).isFalse();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get(0).getAgentId().getValue()).isEqualTo("s1");
    assertThat(sent.get(0).get(1).hasAgentId()).isFalse();

    timers.advance(Duration.ofSeconds(1));
    assertThat(sent).hasSize(2);
    assertThat(reconciliation.answered(task("a"))).isFalse();
    assertThat(reconciliation.pendingCount()).isEqualTo(1);

    timers.advance(Duration.ofSeconds(2));
    assertThat(ids(sent.get(2))).containsExactly("b");
    timers.advance(Duration.ofSeconds(4));
    timers.advance(Duration.ofSeconds(4));
    assertThat(sent).hasSize(5); // 1, 2, 4, 4 (capped) seconds apart

    assertThat(reconciliation.answered(task("unknown"))).isFalse();
    assertThat(reconciliation.answered(task("b"))).isTrue();
    assertThat(reconciliation.answered(task("b"))).isFalse();

    timers.advance(Duration.ofMinutes(9));
    assertThat(sent).hasSize(5);
    timers.advance(Duration.ofMinutes(1));
    assertThat(sent).hasSize(6);
    assertThat(sent.get(5)).isEmpty();
  }

  @Test
  void aNewSubscriptionAbandonsTheOldRound() {
    reconciliation.begin(Map.of(task("a"), agent("s1")));
    reconciliation.begin(Map.of(task("b"), agent("s1")));
    assertThat(reconciliation.answered(task("a"))).isFalse();
    timers.advance(Duration.ofSeconds(1));
    assertThat(ids(sent.get(2))).containsExactly("b");
  }

  @Test
  void stopCancelsEverything() {
    reconciliation.begin(Map.of(task("a"), agent("s1")));
    reconciliation.stop();
    timers.advance(Duration.ofHours(1));
    assertThat(sent).hasSize(1);
    assertThat(reconciliation.pendingCount()).isZero();
  }

  @Test
  void manyTasksAreSplitIntoBoundedCalls() {
    Map<TaskID, AgentID> known = new HashMap<>();
    for (int i = 0; i < 2_500; i++) {
      known.put(task("t" + i), agent("s1"));
    }
    reconciliation.begin(known);
    assertThat(sent).extracting(List::size).containsExactly(1_000, 1_000, 500);
  }
}

package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop stores the records of one offer round, of one burst of status updates and of one tick
 * together (one {@code saveAll}, which the ZooKeeper store packs into few requests), always before
 * the ACCEPTs and acknowledgements they describe.
 */
class RunnerBatchedWritesTest {
  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");

  private final RunnerHarness h = new RunnerHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** Five one-task services, each launched on its own agent in one round; the journal then starts empty. */
  private Map<String, TaskInfo> launchedTogether() throws Exception {
    h.start();
    h.subscribe();
    for (String name : NAMES) {
      h.put(service(name, 1), 1);
    }
    h.store.saveAllCalls.clear();
    h.journal.clear();
    h.offer(h.unreserved("a1"), h.unreserved("a2"), h.unreserved("a3"), h.unreserved("a4"), h.unreserved("a5"));
    Map<String, TaskInfo> tasks = h.calls.launched().stream()
        .collect(Collectors.toMap(t -> t.getTaskId().getValue().split("__")[0], Function.identity()));
    assertThat(tasks).containsOnlyKeys(NAMES);
    return tasks;
  }

  @Test
  void anOfferRoundStoresEveryServicesLaunchInOneSaveBeforeAnyAccept() throws Exception {
    launchedTogether();

    assertThat(h.store.saveAllCalls).as("one write for the round's five records").containsExactly(NAMES);
    assertThat(h.journal.subList(0, 5)).containsExactly("save a", "save b", "save c", "save d", "save e");
    assertThat(h.journal.subList(5, h.journal.size())).hasSize(5).allSatisfy(line -> assertThat(line).isEqualTo("ACCEPT [RESERVE, LAUNCH]"));
  }

  @Test
  void aBurstOfStatusUpdatesIsStoredInOneSaveThenEachAcknowledgedInOrder() throws Exception {
    Map<String, TaskInfo> tasks = launchedTogether();
    h.store.saveAllCalls.clear();
    h.journal.clear();

    h.backToBack(NAMES.stream().map(n -> h.updateOf(tasks.get(n), TaskState.TASK_RUNNING)).toArray(Event[]::new));

    assertThat(h.store.saveAllCalls).as("one write for the burst").containsExactly(NAMES);
    assertThat(h.journal).containsExactlyElementsOf(List.of(
        "save a", "save b", "save c", "save d", "save e",
        ack(tasks.get("a")), ack(tasks.get("b")), ack(tasks.get("c")), ack(tasks.get("d")), ack(tasks.get("e"))));
    assertThat(NAMES).allSatisfy(n -> assertThat(h.store.get(n).orElseThrow().tasks().get("app-0-server").status().getState())
        .isEqualTo(TaskState.TASK_RUNNING));
  }

  @Test
  void updatesOfOneTaskInABurstAreDecidedInOrderAndStoredOnce() throws Exception {
    TaskInfo task = h.launched("web");
    h.store.saveAllCalls.clear();

    h.backToBack(h.updateOf(task, TaskState.TASK_STARTING), h.updateOf(task, TaskState.TASK_RUNNING));

    assertThat(h.journal).containsExactly("save web", ack(task), ack(task));
    assertThat(h.store.saveAllCalls).containsExactly(List.of("web"));
    assertThat(h.calls.acknowledged).extracting(s -> s.getState()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    assertThat(h.store.get("web").orElseThrow().tasks().get("app-0-server").status().getState()).isEqualTo(TaskState.TASK_RUNNING);
  }

  @Test
  void aServiceWhoseRecordCannotBeStoredHasNoneOfItsUpdatesAcknowledgedAndHoldsBackNoOther() throws Exception {
    Map<String, TaskInfo> tasks = launchedTogether();
    h.store.failWritesOf("c", new IllegalStateException("ZooKeeper refused the request"));
    h.journal.clear();

    h.backToBack(h.updateOf(tasks.get("b"), TaskState.TASK_RUNNING), h.updateOf(tasks.get("c"), TaskState.TASK_RUNNING),
        h.updateOf(tasks.get("d"), TaskState.TASK_RUNNING));

    assertThat(h.journal).containsExactly("save b", "save d", ack(tasks.get("b")), ack(tasks.get("d")));
    assertThat(h.service("c").tasks()).singleElement().satisfies(t -> assertThat(t.state()).isNotEqualTo("TASK_RUNNING"));

    h.store.failWritesOf("c", null);
    h.backToBack(h.updateOf(tasks.get("c"), TaskState.TASK_RUNNING));
    assertThat(h.journal.subList(4, h.journal.size())).containsExactly("save c", ack(tasks.get("c")));
  }

  @Test
  void anUpdateSentAfterAnotherEventIsHandledAfterIt() throws Exception {
    Map<String, TaskInfo> tasks = launchedTogether();
    h.journal.clear();

    h.backToBack(h.updateOf(tasks.get("a"), TaskState.TASK_RUNNING), RunnerHarness.offers(h.unreserved("a6")),
        h.updateOf(tasks.get("b"), TaskState.TASK_RUNNING));

    assertThat(h.journal).containsExactly("save a", ack(tasks.get("a")), "DECLINE 300s", "save b", ack(tasks.get("b")));
  }

  private static String ack(TaskInfo task) {
    return "ACKNOWLEDGE " + task.getTaskId().getValue();
  }
}

package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Goal;
import io.drover.api.model.Placement;
import io.drover.api.model.TaskSpec;
import io.drover.api.status.PlanStatus;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.junit.jupiter.api.Test;

/** Permanent failures replace: agents that are gone, or unreachable for longer than the pod allows. */
class LostAgentsTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
  private final TaskSpec db = Specs.withVolume(Specs.task("db"), "data", 16);

  private Harness running(int replaceAfterSeconds, TaskSpec server) {
    Harness h = new Harness(cluster, Specs.target("c1",
        Specs.service("svc", Map.of("hello", Specs.pod(1, replaceAfterSeconds, Map.of("server", server))))));
    h.offers("a1");
    h.running("hello-0-server");
    return h;
  }

  /** The master's answer to an explicit reconciliation of a task it does not know (Master::reconcile). */
  private static TaskStatus answer(TaskRecord r, TaskState state) {
    return TaskStatus.newBuilder().setTaskId(r.taskId()).setAgentId(r.agentId()).setState(state)
        .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_RECONCILIATION).build();
  }

  private static TaskStatus unreachableSince(TaskRecord r, Instant since) {
    long nanos = since.getEpochSecond() * 1_000_000_000L;
    return answer(r, TaskState.TASK_UNREACHABLE).toBuilder()
        .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(nanos)).build();
  }

  private static String recoveryMessage(Harness h) {
    return ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(1).phases().get(0).steps().get(0).message();
  }

  @Test
  void aTaskThatEndedOnAnAgentThatIsGoneIsReplacedAtOnceOnANewEmptyVolume() {
    Harness h = running(300, db);
    TaskRecord first = h.task("hello-0-server");
    h.update("hello-0-server", TaskState.TASK_FAILED); // backing off; would relaunch in place on a1
    assertThat(ServiceScheduler.reconcilable(h.record)).as("ended tasks are reconciled too").containsOnlyKeys(first.taskId());

    h.status(answer(first, TaskState.TASK_UNKNOWN)); // Mesos does not know a1 any more
    assertThat(h.task("hello-0-server").replace()).isTrue();
    assertThat(h.task("hello-0-server").retired()).as("its reservations went with the agent").isTrue();
    assertThat(ServiceScheduler.reconcilable(h.record)).isEmpty();
    assertThat(h.notices).singleElement().asString()
        .contains("hello-0 is replaced: its agent a1.example is gone (TASK_UNKNOWN, REASON_RECONCILIATION)",
            "relaunched on new reservations on another agent", "with a new, empty volume");
    assertThat(recoveryMessage(h)).contains("failed 1 time(s)");

    h.tick(Duration.ofSeconds(2));
    assertThat(recoveryMessage(h)).isEqualTo("replacing hello-0 on new reservations on another agent, with a new, empty volume; waiting for an offer that fits: no offer has come since it began waiting");
    h.offers("a2");
    TaskRecord moved = h.task("hello-0-server");
    assertThat(moved.agentId().getValue()).isEqualTo("a2");
    assertThat(moved.resourceIds()).doesNotContainAnyElementsOf(first.resourceIds());
    assertThat(cluster.log().get(cluster.log().size() - 2).getType()).as("a new volume").isEqualTo(Operation.Type.CREATE);
    h.running("hello-0-server");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
    assertThat(h.notices).hasSize(1);
  }

  @Test
  void aTaskOnAnAgentRemovedByMesosIsReplaced() {
    Harness h = running(300, Specs.task("x"));
    // Master::_removeSlave: a new agent registered at a1's address.
    h.status(cluster.update(h.task("hello-0-server").taskId(), TaskState.TASK_LOST, b -> b
        .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_AGENT_REMOVED)));
    assertThat(h.task("hello-0-server").condition()).isEqualTo(TaskCondition.GONE);
    assertThat(h.notices).singleElement().asString()
        .contains("is gone (TASK_LOST, REASON_AGENT_REMOVED)").doesNotContain("volume");
    h.offers("a2");
    assertThat(h.task("hello-0-server").agentId().getValue()).isEqualTo("a2");
  }

  @Test
  void aTaskOnAnAgentUnreachableLongerThanItsPodAllowsIsReplacedAndCleanedUpWhenTheAgentReturns() {
    Harness h = running(60, db);
    TaskRecord first = h.task("hello-0-server");
    Instant since = h.now;
    h.update("hello-0-server", TaskState.TASK_UNREACHABLE); // no unreachable_time: stamped on arrival
    assertThat(h.wakeAt).isEqualTo(since.plusSeconds(60));
    h.tick(Duration.ofSeconds(59));
    h.offers("a2");
    assertThat(cluster.launched()).as("still waiting for a1").hasSize(1);
    assertThat(recoveryMessage(h)).isEqualTo("the agent a1.example of hello-0-server is unreachable; waiting for it until "
        + since.plusSeconds(60) + ", then replacing hello-0");

    h.tick(Duration.ofSeconds(1));
    assertThat(h.notices).singleElement().asString()
        .contains("its agent a1.example has been unreachable since " + since + " (replaceAfterSeconds: 60)", "new, empty volume");
    assertThat(h.takeKills()).as("an unreachable task cannot be killed; it is abandoned").isEmpty();
    h.offers("a2");
    assertThat(h.task("hello-0-server").agentId().getValue()).isEqualTo("a2");
    h.running("hello-0-server");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);

    // a1 comes back with the old task still running: the runtime kills it as unknown ...
    assertThat(h.reconciler.status(h.record, h.pacing, cluster.update(first.taskId(), TaskState.TASK_RUNNING), h.now).known()).isFalse();
    cluster.update(first.taskId(), TaskState.TASK_KILLED);
    // ... and its reservations, which no record knows any more, are released
    int before = cluster.log().size();
    h.offers("a1");
    assertThat(cluster.log().subList(before, cluster.log().size())).extracting(Operation::getType)
        .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE);
    assertThat(cluster.reserved("a1")).isEmpty();
  }

  @Test
  void anEndedTaskWaitsForItsUnreachableAgentAndRelaunchesInPlaceWhenItReturns() {
    Harness h = running(300, db);
    TaskRecord first = h.task("hello-0-server");
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.status(unreachableSince(first, h.now.minusSeconds(10)));
    assertThat(h.task("hello-0-server").unreachableSince()).contains(h.now.minusSeconds(10));
    h.tick(Duration.ofSeconds(2));
    assertThat(recoveryMessage(h)).contains("a1.example of hello-0-server is unreachable; waiting for it until " + h.now.plusSeconds(288));
    assertThat(h.wantsOffers).isTrue();

    h.offers("a1");
    TaskRecord second = h.task("hello-0-server");
    assertThat(second.agentId().getValue()).isEqualTo("a1");
    assertThat(second.resourceIds()).as("same reservations and volume").isEqualTo(first.resourceIds());
    assertThat(h.notices).isEmpty();
  }

  @Test
  void aFinishedTaskWhoseAgentWasBrieflyUnreachableIsNotRunAgain() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.service("svc",
        Map.of("init", Specs.pod(1, 300, Map.of("once", Specs.withGoal(db, Goal.ONCE)))))));
    h.offers("a1");
    h.update("init-0-once", TaskState.TASK_FINISHED);
    TaskRecord done = h.task("init-0-once");
    assertThat(h.wantsOffers).isFalse();
    h.status(unreachableSince(done, h.now));
    assertThat(h.wantsOffers).as("offers show when the agent is back").isTrue();
    h.tick(Duration.ofSeconds(100));
    h.offers("a1");
    assertThat(h.task("init-0-once").agentStatus()).isNull();
    assertThat(h.wantsOffers).isFalse();
    h.tick(Duration.ofSeconds(300));
    assertThat(h.notices).isEmpty();
    assertThat(h.task("init-0-once")).isEqualTo(done);
  }

  @Test
  void answersFromARegisteredAgentChangeNothingAndEndAnUnreachableSpell() {
    Harness h = running(300, db);
    h.update("hello-0-server", TaskState.TASK_FAILED);
    TaskRecord failed = h.task("hello-0-server");
    h.status(answer(failed, TaskState.TASK_GONE)); // a1 is registered and does not know the task
    assertThat(h.task("hello-0-server")).isEqualTo(failed);
    h.status(unreachableSince(failed, h.now));
    h.status(answer(failed, TaskState.TASK_GONE));
    assertThat(h.task("hello-0-server")).isEqualTo(failed);
  }

  @Test
  void anUninstallDoesNotWaitForAGoneAgentAndSaysWhatItLeft() {
    Harness h = running(300, db);
    h.update("hello-0-server", TaskState.TASK_FAILED);
    h.record = h.reconciler.uninstall(h.record, h.now);
    h.advance();
    assertThat(h.uninstalled).as("the reservations may still be there").isEmpty();

    h.status(answer(h.task("hello-0-server"), TaskState.TASK_GONE_BY_OPERATOR));
    assertThat(h.uninstalled).hasValueSatisfying(u -> {
      assertThat(u.forced()).isFalse();
      assertThat(u.message()).isEqualTo("uninstalled without waiting for lost agents: 0 task(s) not confirmed ended and "
          + "3 reservation(s) not released on [a1.example]; they are cleaned up if those agents come back");
    });
    PlanStatus plan = ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(0);
    assertThat(plan.status()).isEqualTo("COMPLETE");
    assertThat(plan.phases().get(1).steps().get(0).message())
        .isEqualTo("3 reservation(s) left on a1.example, whose agent is gone; cleaned up if it comes back");
  }

  @Test
  void anUninstallWaitsForAnUnreachableAgentOnlyUpToItsPodsLimit() {
    Harness h = running(120, db);
    Instant since = h.now;
    uninstallWhileUnreachable(h);
    h.tick(Duration.ofSeconds(119));
    assertThat(h.uninstalled).isEmpty();
    assertThat(h.wakeAt).isEqualTo(since.plusSeconds(120));
    assertThat(ServiceReport.plans(h.record, h.pacing, h.waits, h.now).get(0).phases().get(0).steps().get(0).message())
        .endsWith("(agent unreachable; given up at " + since.plusSeconds(120) + ")");
    h.tick(Duration.ofSeconds(1));
    assertThat(h.uninstalled).hasValueSatisfying(u -> {
      assertThat(u.forced()).isFalse();
      assertThat(u.message()).contains("without waiting for lost agents: 1 task(s) not confirmed ended and 3 reservation(s)");
    });
  }

  @Test
  void aKillSentWhileTheAgentWasUnreachableIsSentAgainAsSoonAsTheTaskIsSeenRunning() {
    Harness h = running(120, db);
    uninstallWhileUnreachable(h);
    h.tick(Duration.ofSeconds(1));
    assertThat(h.takeKills()).as("not re-sent before the kill retry").isEmpty();

    // The agent is back with the task still running: the master dropped the kill it could not deliver.
    h.update("hello-0-server", TaskState.TASK_RUNNING);
    assertThat(h.takeKills()).as("re-sent at once, not after the kill retry").singleElement()
        .satisfies(k -> assertThat(k.taskId()).isEqualTo(h.task("hello-0-server").taskId()));
    h.update("hello-0-server", TaskState.TASK_RUNNING);
    assertThat(h.takeKills()).as("a repeated RUNNING re-sends nothing").isEmpty();
  }

  @Test
  void aDecommissionedInstanceOnALostAgentIsDroppedAfterItsPodsLimit() {
    Harness h = new Harness(cluster, Specs.target("c1", spread(2)));
    h.offers();
    h.running("hello-0-server");
    h.offers();
    h.running("hello-1-server");
    assertThat(h.task("hello-1-server").agentId().getValue()).isEqualTo("a2");
    h.update("hello-1-server", TaskState.TASK_UNREACHABLE);
    h.put(Specs.target("c2", spread(1)));
    h.tick(Duration.ofSeconds(299));
    assertThat(h.record.tasks()).containsKey("hello-1-server");
    assertThat(h.record.deployedSpecHash()).isEqualTo("c1");
    h.tick(Duration.ofSeconds(1));
    assertThat(h.record.tasks()).containsOnlyKeys("hello-0-server");
    assertThat(h.record.deployedSpecHash()).isEqualTo("c2");
    assertThat(h.notices).isEmpty();
  }

  @Test
  void theServiceMessageKeepsEarlierNoticesAndStaysBounded() {
    Decisions.Advance a = new Decisions.Advance(null, null, List.of(), false, null, Optional.empty(), List.of("b-0 is replaced"));
    assertThat(a.message(null)).isEqualTo("b-0 is replaced");
    assertThat(a.message("a-0 is replaced")).isEqualTo("a-0 is replaced; b-0 is replaced");
    String bounded = a.message("x".repeat(5000));
    assertThat(bounded).hasSize(Decisions.Advance.MESSAGE_LIMIT).startsWith("...x").endsWith("; b-0 is replaced");
    Decisions.Advance quiet = new Decisions.Advance(null, null, List.of(), false, null, Optional.empty(), List.of());
    assertThat(quiet.message("as before")).isEqualTo("as before");
  }

  private io.drover.api.model.ServiceResource spread(int count) {
    return Specs.service("svc", Map.of("hello", Specs.pod(count, new Placement(1, List.of()), Map.of("server", db))));
  }

  /** The task's agent becomes unreachable, then the service is uninstalled: one kill goes out. */
  private static void uninstallWhileUnreachable(Harness h) {
    h.update("hello-0-server", TaskState.TASK_UNREACHABLE);
    h.record = h.reconciler.uninstall(h.record, h.now);
    h.advance();
    assertThat(h.takeKills()).hasSize(1);
  }
}

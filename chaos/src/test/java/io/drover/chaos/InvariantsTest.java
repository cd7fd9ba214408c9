package io.drover.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvariantsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String A = "web__app-0-main__a";
  private static final String B = "web__app-0-main__b";

  private final ServiceModel model = new ServiceModel();
  private final FaultEffects effects = new FaultEffects();
  private final Invariants invariants = new Invariants(model, effects, Duration.ofSeconds(30));

  InvariantsTest() {
    model.writing(new Workload.Doc("web", 1, new byte[0]), T0.minusSeconds(60));
    model.stored("web");
  }

  @Test
  void twoNonTerminalTasksOfOneInstanceAreAViolationUnreachableOnesIncluded() {
    List<Violation> v = invariants.check(look(1, List.of(task(A, "TASK_UNREACHABLE", "s0", true),
        task(B, "TASK_RUNNING", "s1", false))));

    assertThat(v).extracting(Violation::invariant).containsExactly("one-task-per-instance");
    assertThat(v.get(0).evidence()).contains(A, B, "unreachable");
  }

  @Test
  void aTaskReplacedWithoutReasonIsANeedlessRelaunch() {
    invariants.check(look(1, List.of(task(A, "TASK_RUNNING", "s0", false))));
    List<Violation> v = invariants.check(look(2, List.of(task(B, "TASK_RUNNING", "s0", false))));

    assertThat(v).extracting(Violation::invariant).containsExactly("needless-relaunch");
    assertThat(v.get(0).evidence()).contains(A, B);
  }

  @Test
  void aRelaunchAfterACrashAFailureAReplacedAgentOrASpecChangeIsNeeded() {
    invariants.check(look(1, List.of(task(A, "TASK_RUNNING", "s0", false))));
    effects.crashed(A);
    assertThat(invariants.check(look(2, List.of(task(B, "TASK_RUNNING", "s0", false))))).isEmpty();

    invariants.check(look(3, List.of(task("web__app-0-main__c", "TASK_FAILED", "s0", false),
        task(B, "TASK_FAILED", "s0", false))));
    assertThat(invariants.check(look(4, List.of(task("web__app-0-main__c", "TASK_RUNNING", "s1", false)))))
        .isEmpty();

    invariants.check(look(5, List.of(new Snapshot.Task("web__app-0-main__c", "TASK_RUNNING", "s1", false, true))));
    assertThat(invariants.check(look(5, List.of(task("web__app-0-main__h", "TASK_RUNNING", "s1", false)))))
        .as("after a failed health check").isEmpty();

    effects.replaced("s1");
    assertThat(invariants.check(look(5, List.of(task("web__app-0-main__d", "TASK_RUNNING", "s2", false)))))
        .isEmpty();

    model.writing(new Workload.Doc("web", 1, new byte[0]), T0.plusSeconds(6));
    assertThat(invariants.check(look(7, List.of(task("web__app-0-main__e", "TASK_RUNNING", "s2", false)))))
        .isEmpty();
  }

  @Test
  void twoActingLeadersAreAViolationOnlyWhenTwoLooksInARowShowThem() {
    List<Snapshot.Replica> two = List.of(replica("r0", true), replica("r1", true), replica("r2", false));
    List<Snapshot.Replica> one = List.of(replica("r0", false), replica("r1", true), replica("r2", false));

    assertThat(invariants.check(look(1, List.of(), two))).isEmpty();
    assertThat(invariants.check(look(2, List.of(), one))).isEmpty();
    assertThat(invariants.check(look(3, List.of(), two))).isEmpty();
    assertThat(invariants.check(look(4, List.of(), two))).extracting(Violation::invariant)
        .containsExactly("one-leader");
  }

  @Test
  void aMissingDocumentOrAVanishedSchedulerRecordIsALostService() {
    assertThat(invariants.check(new Snapshot(T0, null, List.of(), Map.of(), Set.of("web"), Set.of("web"))))
        .isEmpty();
    List<Violation> v = invariants.check(new Snapshot(T0.plusSeconds(1), null, List.of(), Map.of(), Set.of(),
        Set.of()));

    assertThat(v).extracting(Violation::invariant).containsExactly("service-lost", "service-lost");
  }

  @Test
  void aServiceAboutToBeCreatedIsNotLostBeforeItsDocumentIsStored() {
    model.writing(new Workload.Doc("tmp-0", 1, new byte[0]), T0);
    assertThat(invariants.check(new Snapshot(T0, null, List.of(), Map.of(), Set.of("web"), null))).isEmpty();

    model.stored("tmp-0");
    assertThat(invariants.check(new Snapshot(T0.plusSeconds(1), null, List.of(), Map.of(), Set.of("web"), null)))
        .extracting(Violation::evidence).containsExactly("document tmp-0 is missing from /drover/services");
  }

  @Test
  void aDocumentStoredWhileALookWasUnderWayIsNotLost() {
    model.writing(new Workload.Doc("tmp-0", 1, new byte[0]), T0);
    Map<String, ServiceModel.Wanted> beforeTheLook = model.wanted();
    model.stored("tmp-0"); // after the look listed /drover/services, before it is judged
    Snapshot look = new Snapshot(T0, null, List.of(), Map.of(), Set.of("web"), null);

    assertThat(invariants.check(look, beforeTheLook)).isEmpty();
    assertThat(invariants.check(new Snapshot(T0.plusSeconds(1), null, List.of(), Map.of(), Set.of("web"), null),
        model.wanted())).extracting(Violation::evidence).containsExactly("document tmp-0 is missing from /drover/services");
  }

  @Test
  void aDocumentDeletedWhileALookWasUnderWayIsNotLost() {
    Map<String, ServiceModel.Wanted> beforeTheLook = model.wanted();
    model.deleted("web", T0); // after the look began, before it is judged
    Snapshot look = new Snapshot(T0, null, List.of(), Map.of(), Set.of(), Set.of());

    assertThat(invariants.check(look, beforeTheLook)).isEmpty();
  }

  @Test
  void anUninstallPastTheBoundIsReportedOnce() {
    model.deleted("web", T0);
    Snapshot.Task running = task(A, "TASK_RUNNING", "s0", false);
    Snapshot late = new Snapshot(T0.plusSeconds(31), master(List.of(running)), List.of(), Map.of(), Set.of(),
        Set.of("web"));

    assertThat(invariants.check(late)).extracting(Violation::invariant).containsExactly("uninstall-bound");
    assertThat(invariants.check(late)).isEmpty();
    assertThat(invariants.check(new Snapshot(T0.plusSeconds(40), master(List.of()), List.of(), Map.of(),
        Set.of(), Set.of()))).isEmpty();
    assertThat(model.deleting()).isEmpty();
    assertThat(invariants.uninstallMillis()).containsExactly(40_000L);
  }

  private static Snapshot look(int second, List<Snapshot.Task> tasks) {
    return look(second, tasks, List.of());
  }

  private static Snapshot look(int second, List<Snapshot.Task> tasks, List<Snapshot.Replica> replicas) {
    return new Snapshot(T0.plusSeconds(second), master(tasks), replicas, Map.of(), null, null);
  }

  private static Snapshot.Master master(List<Snapshot.Task> tasks) {
    return new Snapshot.Master("m", true, tasks, Set.of("s0", "s1", "s2"));
  }

  private static Snapshot.Task task(String id, String state, String agent, boolean unreachable) {
    return new Snapshot.Task(id, state, agent, unreachable, false);
  }

  private static Snapshot.Replica replica(String id, boolean acting) {
    return new Snapshot.Replica(id, false, true, acting, acting, "r1", 0, 0);
  }
}

package io.drover.reconcile.controller;

import io.drover.reconcile.service.ObservedService;
import static io.drover.reconcile.controller.Fixtures.invalid;
import static io.drover.reconcile.controller.Fixtures.observed;
import static io.drover.reconcile.controller.Fixtures.snapshot;
import static io.drover.reconcile.controller.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.reconcile.service.ObservedService.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDeriverTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant T1 = T0.plus(Duration.ofMinutes(1));
  private static final Instant T2 = T0.plus(Duration.ofMinutes(2));

  private static ServiceStatus derive(ServiceSnapshot s, ServiceStatus previous, Instant now) {
    return StatusDeriver.derive(s, previous, now).orElseThrow();
  }

  private static String summary(ServiceStatus st) {
    StringBuilder b = new StringBuilder(st.phase().json());
    for (String type : List.of(Condition.ACCEPTED, Condition.READY, Condition.PROGRESSING, Condition.DEGRADED)) {
      Condition c = st.condition(type);
      b.append(' ').append(type).append('=').append(c.status()).append('/').append(c.reason());
    }
    return b.toString();
  }

  @Test
  void aNewServiceGoesFromPendingThroughDeployingToRunning() {
    DesiredService d = valid(0, 2);
    ServiceStatus pending = derive(snapshot(d, null), null, T0);
    assertThat(summary(pending))
        .isEqualTo("Pending Accepted=Unknown/Pending Ready=False/NotDeployed Progressing=True/Pending Degraded=False/AsExpected");
    assertThat(pending.observedGeneration()).isZero();

    ServiceStatus deploying = derive(snapshot(d, observed(d, Lifecycle.DEPLOYING, 1, 2)), pending, T1);
    assertThat(summary(deploying))
        .isEqualTo("Deploying Accepted=True/Accepted Ready=False/Deploying Progressing=True/Deploying Degraded=False/AsExpected");
    assertThat(deploying.condition(Condition.READY).message()).isEqualTo("1 running, 1 staging");
    assertThat(deploying.specHash()).isEqualTo(d.specHash());
    assertThat(deploying.tasks()).hasSize(2);
    assertThat(deploying.plans()).extracting(p -> p.name()).containsExactly("deploy");

    ServiceStatus running = derive(snapshot(d, observed(d, Lifecycle.RUNNING, 2, 2)), deploying, T2);
    assertThat(summary(running))
        .isEqualTo("Running Accepted=True/Accepted Ready=True/Running Progressing=False/Idle Degraded=False/AsExpected");
    assertThat(running.observedGeneration()).isZero();
  }

  @Test
  void aReplacementStaysInTheStatusWhileDegradedAndAfterTheRecovery() {
    DesiredService d = valid(0, 1);
    String notice = "web-0 is replaced: its agent agent-1.local is gone (TASK_UNKNOWN); it is relaunched on new reservations"
        + " on another agent, with a new, empty volume";
    ObservedService o = observed(d, Lifecycle.DEGRADED, 0, 1);
    ServiceStatus degraded = derive(snapshot(d, withMessage(o, notice)), null, T0);
    assertThat(degraded.condition(Condition.DEGRADED).message())
        .isEqualTo("some tasks are not at their goal; recovery is under way: " + notice);
    ServiceStatus recovered = derive(snapshot(d, withMessage(observed(d, Lifecycle.RUNNING, 1, 1), notice)), degraded, T1);
    assertThat(recovered.condition(Condition.DEGRADED).message()).isEqualTo("no task is failing; latest event: " + notice);
    assertThat(derive(snapshot(d, observed(d, Lifecycle.RUNNING, 1, 1)), null, T1).condition(Condition.DEGRADED).message())
        .isEqualTo("no task is failing");
  }

  @Test
  void theEventHistoryOutlivesALeaderTheStatusKeepsTheOldOnesAndAddsTheNewOnes() {
    DesiredService d = valid(0, 1);
    ServiceEvent launched = new ServiceEvent(T0.toString(), "Launched", "web-0-server", "launched on agent-1");
    ServiceEvent killed = new ServiceEvent(T1.toString(), "Killed", "web-0-server", "web-0-server was killed");
    ObservedService first = observed(d, Lifecycle.RUNNING, 1, 1);
    ServiceStatus before = derive(snapshot(d, withEvents(first, List.of(launched))), null, T0);
    assertThat(before.events()).containsExactly(launched);

    // A new leader's scheduler knows only what happened since it took over.
    ServiceStatus after = derive(snapshot(d, withEvents(first, List.of(killed))), before, T2);
    assertThat(after.events()).containsExactly(launched, killed);
    assertThat(derive(snapshot(d, withEvents(first, List.of(launched, killed))), after, T2).events())
        .containsExactly(launched, killed);
    assertThat(derive(snapshot(invalid(1), null), after, T2).events()).as("kept while nothing runs").containsExactly(launched, killed);
  }

  private static ObservedService withEvents(ObservedService o, List<ServiceEvent> events) {
    return new ObservedService(o.name(), o.generation(), o.specHash(), o.lifecycle(), o.plans(), o.tasks(), o.message(), events);
  }

  private static ObservedService withMessage(ObservedService o, String message) {
    return new ObservedService(o.name(), o.generation(), o.specHash(), o.lifecycle(), o.plans(), o.tasks(), message);
  }

  @Test
  void transitionTimesMoveOnlyWhenAConditionsStatusChanges() {
    DesiredService d = valid(0, 2);
    ServiceStatus pending = derive(snapshot(d, null), null, T0);
    ServiceStatus deploying = derive(snapshot(d, observed(d, Lifecycle.DEPLOYING, 0, 2)), pending, T1);
    ServiceStatus stillDeploying = derive(snapshot(d, observed(d, Lifecycle.DEPLOYING, 1, 2)), deploying, T2);

    // Ready stayed False (NotDeployed -> Deploying): its time is kept; Accepted became True at T1.
    assertThat(stillDeploying.condition(Condition.READY).lastTransitionTime()).isEqualTo(T0.toString());
    assertThat(stillDeploying.condition(Condition.ACCEPTED).lastTransitionTime()).isEqualTo(T1.toString());
    assertThat(stillDeploying.condition(Condition.DEGRADED).lastTransitionTime()).isEqualTo(T0.toString());
  }

  @Test
  void derivingAgainFromTheSameInputsGivesAnEqualStatus() {
    DesiredService d = valid(3, 2);
    ServiceSnapshot s = snapshot(d, observed(d, Lifecycle.RUNNING, 2, 2));
    ServiceStatus first = derive(s, null, T0);
    assertThat(derive(s, first, T2)).isEqualTo(first);
  }

  @Test
  void anEditIsObservedOnceTheSchedulerTargetsItAndReadyOnlyWhenTheRolloutEnds() {
    DesiredService v1 = valid(1, 2);
    DesiredService v2 = valid(2, 3);
    ServiceStatus before = derive(snapshot(v1, observed(v1, Lifecycle.RUNNING, 2, 2)), null, T0);
    assertThat(before.observedGeneration()).isEqualTo(1);

    ServiceStatus handing = derive(snapshot(v2, observed(v1, Lifecycle.RUNNING, 2, 2)), before, T1);
    assertThat(handing.observedGeneration()).isEqualTo(1);
    assertThat(summary(handing)).startsWith("Updating Accepted=Unknown/Pending Ready=False/UpdatePending Progressing=True/Pending");

    ServiceStatus rolling = derive(snapshot(v2, observed(v2, Lifecycle.UPDATING, 2, 3)), handing, T1);
    assertThat(rolling.observedGeneration()).isEqualTo(2);
    assertThat(summary(rolling)).startsWith("Updating Accepted=True/Accepted Ready=False/Updating Progressing=True/Updating");

    ServiceStatus done = derive(snapshot(v2, observed(v2, Lifecycle.RUNNING, 3, 3)), rolling, T2);
    assertThat(done.condition(Condition.READY).isTrue()).isTrue();
    assertThat(done.observedGeneration()).isEqualTo(2);
  }

  @Test
  void anInvalidEditShowsItsErrorsWhileTheLastGoodSpecKeepsRunning() {
    DesiredService good = valid(4, 2);
    DesiredService bad = invalid(5);
    ServiceStatus st = derive(snapshot(bad, observed(good, Lifecycle.RUNNING, 2, 2)), null, T0);

    assertThat(st.phase()).isEqualTo(Phase.INVALID);
    assertThat(st.observedGeneration()).isEqualTo(5);
    assertThat(st.specHash()).isEqualTo(good.specHash());
    assertThat(st.errors()).containsExactly("spec.pods.web.tasks.server.cpus: Invalid value: -1: must be greater than 0");
    assertThat(st.condition(Condition.ACCEPTED).reason()).isEqualTo("InvalidSpec");
    assertThat(st.condition(Condition.ACCEPTED).message())
        .isEqualTo("generation 5 is invalid (1 error): spec.pods.web.tasks.server.cpus: Invalid value: -1: must be greater than 0; still running generation 4");
    assertThat(st.condition(Condition.READY).isTrue()).isTrue();
    assertThat(st.tasks()).hasSize(2);
  }

  @Test
  void aRefusedUpdateIsReportedAndTheOldTargetKeepsRunning() {
    DesiredService old = valid(1, 2);
    DesiredService refused = valid(2, 4);
    Rejection r = new Rejection(refused.specHash(), 2, List.of("spec.pods.web.tasks.server.volume: cannot change size"));
    ServiceStatus st = derive(new ServiceSnapshot("web", refused, observed(old, Lifecycle.RUNNING, 2, 2), r), null, T0);

    assertThat(summary(st))
        .isEqualTo("Running Accepted=False/UpdateRejected Ready=True/Running Progressing=False/Idle Degraded=False/AsExpected");
    assertThat(st.errors()).containsExactly("spec.pods.web.tasks.server.volume: cannot change size");
    assertThat(st.observedGeneration()).isEqualTo(2);
  }

  @Test
  void aDegradedServiceSaysWhy() {
    DesiredService d = valid(1, 2);
    ObservedService o = new ObservedService(d.name(), 1, d.specHash(), Lifecycle.DEGRADED, List.of(), List.of(), "web-1-server failed: exit 1");
    ServiceStatus st = derive(snapshot(d, o), null, T0);
    assertThat(st.phase()).isEqualTo(Phase.DEGRADED);
    assertThat(st.condition(Condition.DEGRADED).isTrue()).isTrue();
    assertThat(st.condition(Condition.DEGRADED).message()).endsWith(": web-1-server failed: exit 1");
  }

  @Test
  void deletionShowsUninstallingUntilTheServiceIsGoneAndThenNoStatusAtAll() {
    DesiredService d = valid(1, 2);
    ServiceStatus running = derive(snapshot(d, observed(d, Lifecycle.RUNNING, 2, 2)), null, T0);
    ServiceStatus deleting = derive(snapshot(null, observed(d, Lifecycle.UNINSTALLING, 1, 2)), running, T1);
    assertThat(summary(deleting))
        .isEqualTo("Uninstalling Accepted=False/Deleted Ready=False/Uninstalling Progressing=True/Uninstalling Degraded=False/AsExpected");
    assertThat(deleting.observedGeneration()).isEqualTo(1);
    assertThat(deleting.specHash()).isNull();

    assertThat(StatusDeriver.derive(snapshot(null, null), deleting, T2)).isEmpty();
  }

  @Test
  void aServiceReCreatedDuringItsTeardownWaitsForIt() {
    DesiredService recreated = valid(0, 1);
    ServiceStatus st = derive(snapshot(recreated, observed(valid(5, 2), Lifecycle.UNINSTALLING, 1, 2)), null, T0);
    assertThat(summary(st))
        .isEqualTo("Uninstalling Accepted=Unknown/AwaitingTeardown Ready=False/Uninstalling Progressing=True/Uninstalling Degraded=False/AsExpected");
    assertThat(st.observedGeneration()).isZero();
  }

  @Test
  void theReadyMessageCountsTasksByState() {
    DesiredService d = valid(1, 3);
    ObservedService o = observed(d, Lifecycle.RUNNING, 3, 3);
    assertThat(derive(snapshot(d, o), null, T0).condition(Condition.READY).message()).isEqualTo("3 running");
    ObservedService none = new ObservedService(d.name(), 1, d.specHash(), Lifecycle.RUNNING, List.of(), List.of(), null);
    assertThat(derive(snapshot(d, none), null, T0).condition(Condition.READY).message()).isEqualTo("no task");
    ObservedService finished = new ObservedService(d.name(), 1, d.specHash(), Lifecycle.RUNNING, List.of(),
        List.of(new TaskRow("job-0-run", "id", "TASK_FINISHED", null, null, null, null, null, null)), null);
    assertThat(derive(snapshot(d, finished), null, T0).condition(Condition.READY).message()).isEqualTo("1 finished");
  }
}

package io.drover.reconcile.controller;

import io.drover.reconcile.service.ObservedService;
import static io.drover.reconcile.controller.Fixtures.invalid;
import static io.drover.reconcile.controller.Fixtures.observed;
import static io.drover.reconcile.controller.Fixtures.snapshot;
import static io.drover.reconcile.controller.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.reconcile.controller.Decision.MarkInvalid;
import io.drover.reconcile.controller.Decision.Nothing;
import io.drover.reconcile.controller.Decision.Put;
import io.drover.reconcile.service.ObservedService.Lifecycle;
import io.drover.reconcile.state.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReconcilerTest {

  @Test
  void nothingWhenThereIsNeitherADocumentNorAService() {
    assertThat(DocumentReconciler.decide(snapshot(null, null))).isInstanceOf(Nothing.class);
  }

  @Test
  void aNewValidDocumentIsPut() {
    DesiredService d = valid(0, 2);
    assertThat(DocumentReconciler.decide(snapshot(d, null))).isEqualTo(Decision.put(d.target()));
  }

  @Test
  void aChangedSpecIsPutWithItsGeneration() {
    DesiredService old = valid(3, 2);
    DesiredService edited = valid(4, 3);
    Decision decision = DocumentReconciler.decide(snapshot(edited, observed(old, Lifecycle.RUNNING, 2, 2)));
    assertThat(decision).isInstanceOf(Put.class);
    assertThat(((Put) decision).target().generation()).isEqualTo(4);
    assertThat(((Put) decision).target().spec().pods().get("web").count()).isEqualTo(3);
  }

  @Test
  void anUnchangedSpecIsLeftAloneEvenWhenTheGenerationMoved() {
    DesiredService rewritten = valid(7, 2);
    ObservedService o = observed(valid(3, 2), Lifecycle.RUNNING, 2, 2);
    assertThat(DocumentReconciler.decide(snapshot(rewritten, o))).isEqualTo(Decision.nothing("up to date"));
  }

  @Test
  void aServiceAnOlderDroverStartedIsUpToDateAfterAnUpgrade() {
    // The spec hash the Drover before task groups (no pod executor, no task essential) stored for
    // this document: an upgrade must neither put it again nor rerun its tasks.
    String storedByTheOlderDrover = "ab3a3f2741ce54070e4322299ccd392e84d02f30a602c701c6675b78c14a902c";
    ObservedService o = new ObservedService("web", 3, storedByTheOlderDrover, Lifecycle.RUNNING, List.of(), List.of(), null);
    assertThat(DocumentReconciler.decide(snapshot(valid(3, 2), o))).isEqualTo(Decision.nothing("up to date"));
  }

  @Test
  void aDeletedDocumentUninstallsOnceAndThenWaitsForTheTeardown() {
    ObservedService running = observed(valid(1, 2), Lifecycle.RUNNING, 2, 2);
    assertThat(DocumentReconciler.decide(snapshot(null, running))).isEqualTo(Decision.uninstall());

    ObservedService tearingDown = observed(valid(1, 2), Lifecycle.UNINSTALLING, 1, 2);
    assertThat(DocumentReconciler.decide(snapshot(null, tearingDown))).isInstanceOf(Nothing.class);
  }

  @Test
  void anInvalidDocumentIsMarkedInvalidAndTheRunningServiceIsNotTouched() {
    DesiredService bad = invalid(5);
    Decision decision = DocumentReconciler.decide(snapshot(bad, observed(valid(4, 2), Lifecycle.RUNNING, 2, 2)));
    assertThat(decision).isEqualTo(Decision.markInvalid(bad.errors()));
    assertThat(((MarkInvalid) decision).errors())
        .containsExactly("spec.pods.web.tasks.server.cpus: Invalid value: -1: must be greater than 0");
    assertThat(DocumentReconciler.decide(snapshot(bad, null))).isInstanceOf(MarkInvalid.class);
  }

  @Test
  void aServiceReCreatedWhileUninstallingIsInstalledAfterTheTeardownCompletes() {
    DesiredService recreated = valid(0, 1);
    ObservedService tearingDown = observed(valid(6, 2), Lifecycle.UNINSTALLING, 1, 2);
    assertThat(DocumentReconciler.decide(snapshot(recreated, tearingDown)))
        .isEqualTo(Decision.nothing("re-created while uninstalling: installs once the teardown completes"));

    // The teardown finished: the scheduler no longer knows the service.
    assertThat(DocumentReconciler.decide(snapshot(recreated, null))).isEqualTo(Decision.put(recreated.target()));
  }

  @Test
  void aSpecTheSchedulerRefusedIsNotOfferedAgainButANewerOneIs() {
    DesiredService refused = valid(2, 5);
    ObservedService o = observed(valid(1, 2), Lifecycle.RUNNING, 2, 2);
    Rejection rejection = new Rejection(refused.specHash(), 2, List.of("volume size cannot change"));
    assertThat(DocumentReconciler.decide(new ServiceSnapshot("web", refused, o, rejection)))
        .isEqualTo(Decision.nothing("the scheduler refused this spec: volume size cannot change"));

    DesiredService fixed = valid(3, 3);
    assertThat(DocumentReconciler.decide(new ServiceSnapshot("web", fixed, o, rejection))).isInstanceOf(Put.class);
  }

  @Test
  void decisionsRefuseImpossibleValues() {
    assertThatThrownBy(() -> Decision.markInvalid(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Decision.put(null)).isInstanceOf(NullPointerException.class);
    DesiredService d = valid(0, 1);
    assertThatThrownBy(() -> Decision.put(Target.of(d.specHash(), -1, d.resource()))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ServiceSnapshot("other", valid(0, 1), null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.status.ServiceEvent;
import io.drover.reconcile.offer.Blocker;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

/** A service's events, derived from what changed, and its bounded history. */
class ServiceEventsTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1").agent("a2");
  private final List<ServiceEvent> events = new ArrayList<>();

  /** Runs {@code step} and records the events between the records before and after it. */
  private void step(Harness h, Runnable step) {
    ServiceRecord before = h.record;
    step.run();
    events.addAll(ServiceEvents.between(before, h.record, h.now));
  }

  @Test
  void aTaskKilledByItsHealthCheckIsLaunchedRunningUnhealthyKilledWithItsCauseAndRelaunched() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.withHealth(Specs.task("serve"), "check"))));
    step(h, () -> h.offers("a1"));
    TaskID first = h.task("hello-0-server").taskId();
    step(h, () -> h.status(cluster.update(first, TaskState.TASK_RUNNING)));
    step(h, () -> h.status(cluster.update(first, TaskState.TASK_RUNNING, b -> b.setHealthy(true))));
    step(h, () -> h.status(cluster.update(first, TaskState.TASK_RUNNING, b -> b.setHealthy(false)
        .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED))));
    step(h, () -> h.status(cluster.update(first, TaskState.TASK_KILLED, b -> b.setHealthy(false)
        .setMessage("Command terminated with signal Terminated"))));
    h.tick(Duration.ofSeconds(2));
    step(h, () -> h.offers("a1"));

    assertThat(events).extracting(ServiceEvent::type)
        .containsExactly("Launched", "Running", "Healthy", "Unhealthy", "Killed", "Relaunched");
    assertThat(events).extracting(ServiceEvent::subject).containsOnly("hello-0-server");
    assertThat(events.get(0).message()).isEqualTo("launched " + first.getValue() + " on a1.example");
    assertThat(events.get(0).time()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(events.get(4).message()).isEqualTo("hello-0-server was killed after its health check failed 3 times in a row"
        + " (the check's output is in the task's stderr); Mesos (executor): Command terminated with signal Terminated");
    assertThat(events.get(5).message()).startsWith("relaunched in place as svc__hello-0-server__").endsWith(" on a1.example");
    assertThat(events.get(5).time()).isEqualTo("2025-01-01T00:00:02Z");
  }

  @Test
  void aReplacedInstanceAndAnUninstall() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.task("serve"))));
    h.offers("a1");
    h.running("hello-0-server");
    step(h, () -> {
      h.record = h.reconciler.replace(h.record, h.pacing, io.drover.reconcile.pod.InstanceId.of("hello", 0)).record();
      h.advance();
    });
    h.killAndConfirm();
    step(h, () -> h.offers("a2"));
    step(h, () -> {
      h.record = h.reconciler.uninstall(h.record, h.now);
      h.advance();
    });

    assertThat(events).extracting(ServiceEvent::type).containsExactly("Replacing", "Replaced", "Uninstalling");
    assertThat(events.get(1).message()).endsWith(" on a2.example on new reservations (it ran on a1.example)");
  }

  @Test
  void aWaitReasonIsAnEventWhenWhatItIsAboutChangesNotItsNumbers() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    WaitReason cpus = new WaitReason(Blocker.CPUS, "needs cpus 2.0, largest offer has 1.5 (a1), 2 agents");
    WaitReason cpusAgain = new WaitReason(Blocker.CPUS, "needs cpus 2.0, largest offer has 1.0 (a2), 2 agents");
    WaitReason ports = new WaitReason(Blocker.PORTS, "needs port 80, not offered by a1, a2, 2 agents");

    assertThat(ServiceEvents.waiting(Map.of(), Map.of("web-0", cpus), now)).singleElement()
        .satisfies(e -> assertThat(e.message()).isEqualTo("web-0 waits for an offer that fits: " + cpus.message()));
    assertThat(ServiceEvents.waiting(Map.of("web-0", cpus), Map.of("web-0", cpusAgain), now)).isEmpty();
    assertThat(ServiceEvents.waiting(Map.of("web-0", cpus), Map.of("web-0", ports), now)).extracting(ServiceEvent::type)
        .containsExactly("Waiting");
  }

  @Test
  void theHistoryKeepsTheNewestFiftyWithShortMessagesAndAStatusMergesItsOwnWithTheSchedulers() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<ServiceEvent> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(new ServiceEvent(t0.plusSeconds(i).toString(), "Launched", "web-0-server", "event " + i));
    }
    EventHistory h = EventHistory.EMPTY.with(many).with(List.of(
        new ServiceEvent(t0.plusSeconds(60).toString(), "Failed", null, "x".repeat(1000))));

    assertThat(h.events()).hasSize(EventHistory.SIZE);
    assertThat(h.events().get(0).message()).isEqualTo("event 11");
    assertThat(h.events().get(49).message()).hasSize(400).endsWith("...");

    // A new leader knows only its own events; the status keeps the old leader's too.
    List<ServiceEvent> stored = h.events().subList(40, 50);
    ServiceEvent later = new ServiceEvent(t0.plusSeconds(61).toString(), "Relaunched", "web-0-server", "again");
    assertThat(EventHistory.merge(stored, List.of(later))).hasSize(11).last().isEqualTo(later);
    assertThat(EventHistory.merge(stored, stored)).isEqualTo(stored);
    assertThat(EventHistory.merge(null, List.of(later))).containsExactly(later);
    List<ServiceEvent> fresh = many.subList(10, 60);
    assertThat(EventHistory.merge(many.subList(0, 30), fresh)).hasSize(50).first().isEqualTo(many.get(10));
  }
}

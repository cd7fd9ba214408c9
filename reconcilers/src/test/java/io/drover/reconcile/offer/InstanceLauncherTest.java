package io.drover.reconcile.offer;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.TaskSpec;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class InstanceLauncherTest {
  private final AtomicInteger n = new AtomicInteger();
  private final Ids ids = () -> "id-" + n.incrementAndGet();
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1", "h1", 2, 1024, 2000, 31000, 31005);
  private static final TaskName NAME = TaskName.of("web", 0, "server");

  private Target target(TaskSpec spec) {
    return Specs.target("cfg-1", Specs.service("shop", Map.of("web", Specs.pod(1, Map.of("server", spec)))));
  }

  private Optional<InstanceLauncher.Launch> launch(Target t, TaskSpec spec, TaskRecord previous) {
    return InstanceLauncher.launch(
        t, "pr", List.of(new TaskToLaunch(NAME, spec, previous)), null, OfferPools.of(cluster.offers()).get(0), ids);
  }

  @Test
  void newTaskReservesWithRefinedLabelledReservationsAndLaunchesAFullTaskInfo() {
    TaskSpec spec = Specs.withHealth(Specs.withEnv(Specs.withPorts(Specs.task("serve $PORT_HTTP"), Map.of("http", 0, "admin-ui", 31004)), Map.of("GREETING", "hi")), "check $PORT_HTTP");
    InstanceLauncher.Launch l = launch(target(spec), spec, null).orElseThrow();
    List<Operation> ops = l.pool().operations();
    assertThat(ops).extracting(Operation::getType).containsExactly(Operation.Type.RESERVE, Operation.Type.LAUNCH);

    for (Resource r : ops.get(0).getReserve().getResourcesList()) {
      assertThat(r.getAllocationInfo().getRole()).isEqualTo(ScriptedCluster.ROLE);
      assertThat(r.getReservationsCount()).isEqualTo(1);
      ReservationInfo ri = r.getReservations(0);
      assertThat(ri.getType()).isEqualTo(ReservationInfo.Type.DYNAMIC);
      assertThat(ri.getRole()).isEqualTo(ScriptedCluster.ROLE);
      assertThat(ri.getPrincipal()).isEqualTo("pr");
      assertThat(ReservationLabels.namespace(r)).contains("shop");
      assertThat(ReservationLabels.resourceId(r)).isPresent();
    }
    TaskInfo info = ops.get(1).getLaunch().getTaskInfos(0);
    assertThat(info.getName()).isEqualTo("web-0-server");
    assertThat(info.getTaskId().getValue()).startsWith("shop__web-0-server__");
    assertThat(info.getCommand().getShell()).isTrue();
    assertThat(info.getCommand().getValue()).isEqualTo("serve $PORT_HTTP");
    assertThat(env(info.getCommand().getEnvironment()))
        .containsEntry("PORT_HTTP", "31000")
        .containsEntry("PORT_ADMIN_UI", "31004")
        .containsEntry("GREETING", "hi")
        .containsEntry("POD_INSTANCE_INDEX", "0");
    assertThat(info.getDiscovery().getPorts().getPortsList()).extracting(p -> p.getName() + "=" + p.getNumber())
        .containsExactlyInAnyOrder("http=31000", "admin-ui=31004");
    assertThat(info.getHealthCheck().getType()).isEqualTo(HealthCheck.Type.COMMAND);
    assertThat(info.getHealthCheck().getCommand().getValue()).isEqualTo("check $PORT_HTTP");
    assertThat(info.getHealthCheck().getConsecutiveFailures()).isEqualTo(3);
    assertThat(info.getHealthCheck().getGracePeriodSeconds()).isEqualTo(30.0);
    assertThat(info.getKillPolicy().getGracePeriod().getNanoseconds()).isEqualTo(5_000_000_000L);
    assertThat(info.getLabels().getLabelsList()).extracting(x -> x.getKey() + "=" + x.getValue())
        .contains("target_config=cfg-1", "pod=web", "pod_index=0", "task=server", "goal=RUNNING");
    // every resource of the task is one of the reserved ones
    assertThat(info.getResourcesList()).allMatch(r -> ReservationLabels.namespace(r).isPresent());
    cluster.accept(l.pool());
    assertThat(l.pool().ports().contains(31000L)).isFalse();
    assertThat(l.records()).singleElement().satisfies(r -> assertThat(r.confirmedIds()).isEmpty());
  }

  @Test
  void aVolumeIsReservedThenCreatedThenUsed() {
    TaskSpec spec = Specs.withVolume(Specs.task("db"), "data", 64);
    InstanceLauncher.Launch l = launch(target(spec), spec, null).orElseThrow();
    assertThat(l.pool().operations()).extracting(Operation::getType)
        .containsExactly(Operation.Type.RESERVE, Operation.Type.CREATE, Operation.Type.LAUNCH);
    Resource volume = l.pool().operations().get(1).getCreate().getVolumes(0);
    assertThat(volume.getDisk().getVolume().getContainerPath()).isEqualTo("data");
    assertThat(volume.getDisk().getPersistence().getPrincipal()).isEqualTo("pr");
    assertThat(volume.getScalar().getValue()).isEqualTo(64.0);
    assertThat(l.pool().operations().get(2).getLaunch().getTaskInfos(0).getResourcesList()).contains(volume);
    cluster.accept(l.pool());
  }

  @Test
  void aFixedPortThatIsNotOfferedDoesNotFit() {
    TaskSpec spec = Specs.withPorts(Specs.task("x"), Map.of("http", 8080));
    assertThat(launch(target(spec), spec, null)).isEmpty();
    TaskSpec tooBig = Specs.withCpus(Specs.task("x"), 3);
    assertThat(launch(target(tooBig), tooBig, null)).isEmpty();
  }

  @Test
  void relaunchInPlaceReusesReservationsAndPortsWithoutReserving() {
    TaskSpec spec = Specs.withVolume(Specs.withPorts(Specs.task("x"), Map.of("http", 0)), "data", 10);
    Target t = target(spec);
    InstanceLauncher.Launch first = launch(t, spec, null).orElseThrow();
    cluster.accept(first.pool());
    TaskRecord prev = first.records().get(0);
    prev = prev.withStatus(cluster.update(prev.taskId(), TaskState.TASK_RUNNING));
    prev = prev.withStatus(cluster.update(prev.taskId(), TaskState.TASK_FAILED));
    assertThat(prev.confirmedIds()).isEqualTo(prev.resourceIds());

    InstanceLauncher.Launch again = launch(t, spec, prev).orElseThrow();
    assertThat(again.pool().operations()).extracting(Operation::getType).containsExactly(Operation.Type.LAUNCH);
    TaskInfo info = again.records().get(0).info();
    assertThat(again.records().get(0).resourceIds()).isEqualTo(prev.resourceIds());
    assertThat(info.getDiscovery().getPorts().getPorts(0).getNumber()).isEqualTo(31000);
    assertThat(info.getTaskId()).isNotEqualTo(prev.taskId());
    cluster.accept(again.pool());
  }

  @Test
  void resizeGrowsAndShrinksTheSameReservation() {
    TaskSpec small = Specs.task("x");
    Target t = target(small);
    InstanceLauncher.Launch first = launch(t, small, null).orElseThrow();
    cluster.accept(first.pool());
    TaskRecord prev = first.records().get(0);
    prev = prev.withStatus(cluster.update(prev.taskId(), TaskState.TASK_KILLED));

    TaskSpec big = Specs.withMemory(Specs.withCpus(small, 0.5), 16);
    InstanceLauncher.Launch grown = launch(target(big), big, prev).orElseThrow();
    assertThat(grown.pool().operations()).extracting(Operation::getType)
        .containsExactly(Operation.Type.UNRESERVE, Operation.Type.RESERVE, Operation.Type.LAUNCH);
    Resource cpuDelta = grown.pool().operations().get(1).getReserve().getResources(0);
    assertThat(cpuDelta.getName()).isEqualTo("cpus");
    assertThat(cpuDelta.getScalar().getValue()).isEqualTo(0.4);
    assertThat(ReservationLabels.resourceId(cpuDelta)).isEqualTo(ReservationLabels.resourceId(prev.info().getResources(0)));
    Resource memShrink = grown.pool().operations().get(0).getUnreserve().getResources(0);
    assertThat(memShrink.getName()).isEqualTo("mem");
    assertThat(memShrink.getScalar().getValue()).isEqualTo(16.0);
    cluster.accept(grown.pool());
    assertThat(cluster.free("a1", "cpus")).isEqualTo(1.5);
    assertThat(cluster.free("a1", "mem")).isEqualTo(1024 - 16.0);
  }

  @Test
  void aConfirmedReservationThatIsNotOfferedMeansWaitAnUnconfirmedOneIsMadeAgain() {
    TaskSpec spec = Specs.task("x");
    Target t = target(spec);
    InstanceLauncher.Launch first = launch(t, spec, null).orElseThrow();
    // The ACCEPT never reached Mesos: nothing was reserved. The record says so (nothing confirmed).
    TaskRecord lost = first.records().get(0);
    InstanceLauncher.Launch repaired = launch(t, spec, lost).orElseThrow();
    assertThat(repaired.pool().operations()).extracting(Operation::getType).containsExactly(Operation.Type.RESERVE, Operation.Type.LAUNCH);
    assertThat(repaired.records().get(0).resourceIds()).isEqualTo(lost.resourceIds());

    TaskRecord confirmed = new TaskRecord(lost.info(), lost.hostname(), null, false, false, lost.resourceIds(), Set.of(), null);
    assertThat(launch(t, spec, confirmed)).isEmpty();
  }

  private static Map<String, String> env(Environment e) {
    Map<String, String> m = new java.util.HashMap<>();
    e.getVariablesList().forEach(v -> m.put(v.getName(), v.getValue()));
    return m;
  }
}

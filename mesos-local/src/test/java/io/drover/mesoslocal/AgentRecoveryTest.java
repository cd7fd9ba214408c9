package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents keep their identity in their work dir, as real agents do: a cluster started again on the
 * same work dir has the same agents with their reservations and volumes; a fresh work dir (or a
 * replaced agent) is a new agent. Real processes.
 */
class AgentRecoveryTest {

  @TempDir
  Path workDir;

  private MesosLocal start(Path dir, String resources) {
    return MesosLocal.builder().agents(2).agentResources(resources).workDir(dir)
        .heartbeatInterval(Duration.ofMillis(500)).allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(300), Duration.ofSeconds(2)).start();
  }

  private static final String RESOURCES = "cpus:2;mem:1024;disk:1024;ports:[31000-31099]";

  private static FrameworkInfo framework() {
    return TestScheduler.framework("recover").setRole(ReservationsTest.ROLE).setPrincipal("drover")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT))
        .build();
  }

  @Test
  void aClusterStartedAgainOnItsWorkDirHasTheSameAgentsWithTheirReservationsAndVolumes() {
    List<String> ids;
    String agentWithVolume;
    try (MesosLocal first = start(workDir, RESOURCES)) {
      ids = first.agentIds();
      assertThat(first.state().agents()).extracting(ClusterState.Agent::id).containsExactlyElementsOf(ids);
      try (TestScheduler s = TestScheduler.subscribe(first, framework())) {
        s.autoAck = true;
        Offer offer = s.awaitOffer();
        agentWithVolume = offer.getAgentId().getValue();
        s.accept(offer.getId(),
            ReservationsTest.reserve(ReservationsTest.reserved("cpus", 1, offer), ReservationsTest.reserved("mem", 64, offer),
                ReservationsTest.reserved("disk", 100, offer)),
            ReservationsTest.create(ReservationsTest.volume(offer)),
            ReservationsTest.launch(ReservationsTest.writer("w1", offer)));
        s.awaitUpdate("w1", TaskState.TASK_FINISHED);
      }
    }

    try (MesosLocal again = start(workDir, RESOURCES);
        TestScheduler s = TestScheduler.subscribe(again, framework())) {
      assertThat(again.agentIds()).isEqualTo(ids);
      s.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer offer = s.awaitOffer(o -> o.getAgentId().getValue().equals(agentWithVolume) && ReservationsTest.hasVolume(o), used);
      Resource volume = offer.getResourcesList().stream().filter(r -> r.hasDisk() && r.getDisk().hasPersistence())
          .findFirst().orElseThrow();
      assertThat(volume.getReservationsList()).containsExactly(ReservationsTest.reservation());
      assertThat(offer.getResourcesList()).filteredOn(r -> r.getName().equals("cpus") && r.getReservationsCount() > 0)
          .extracting(r -> r.getScalar().getValue()).containsExactly(1.0);

      s.accept(offer.getId(), ReservationsTest.launch(ReservationsTest.writer("w2", offer).toBuilder()
          .setCommand(org.apache.mesos.v1.Protos.CommandInfo.newBuilder().setValue("grep -q w1 data/log")).build()));
      s.awaitUpdate("w2", TaskState.TASK_FINISHED);
    }
  }

  @Test
  void aFreshWorkDirIsANewAgent(@TempDir Path other) {
    List<String> ids;
    try (MesosLocal first = start(workDir, RESOURCES)) {
      ids = first.agentIds();
    }
    try (MesosLocal fresh = start(other, RESOURCES)) {
      assertThat(fresh.agentIds()).hasSize(2).doesNotContainAnyElementsOf(ids);
    }
  }

  @Test
  void anAgentStartedWithOtherResourcesOnItsWorkDirIsRefused() throws Exception {
    try (MesosLocal first = start(workDir, RESOURCES)) {
      assertThat(first.agentIds()).hasSize(2);
    }
    assertThatThrownBy(() -> start(workDir, "cpus:3;mem:1024;disk:1024;ports:[31000-31099]"))
        .hasMessageContaining("Agent 0")
        .hasMessageContaining("meta/slaves/latest");

    Files.delete(workDir.resolve("agents/0/meta/slaves/latest"));
    Files.delete(workDir.resolve("agents/1/meta/slaves/latest"));
    try (MesosLocal renewed = start(workDir, "cpus:3;mem:1024;disk:1024;ports:[31000-31099]")) {
      assertThat(renewed.state().agents()).allMatch(a -> a.resources().contains("cpus:3"));
    }
  }

  @Test
  void aReplacedAgentsTasksAreLostAndItsSuccessorIsANewAgent() throws Exception {
    try (MesosLocal cluster = start(workDir, RESOURCES);
        TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.partitionAware("replace").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      String old = offer.getAgentId().getValue();
      s.launch(offer, TestScheduler.task("orphan", offer, "echo $$ > pid; exec sleep 300", 0.1, 32));
      s.awaitUpdate("orphan", TaskState.TASK_RUNNING);
      Path pidFile = await().atMost(TestScheduler.WAIT)
          .until(() -> SandboxFiles.find(workDir, "orphan", "pid"), p -> p != null && p.toFile().length() > 0);
      long pid = Long.parseLong(Files.readString(pidFile).trim());

      String successor = cluster.replaceAgent(old);

      assertThat(successor).isNotEqualTo(old);
      assertThat(cluster.agentIds()).contains(successor).doesNotContain(old);
      // As Master::_removeSlave: TASK_LOST even for a PARTITION_AWARE framework.
      TaskStatus gone = s.awaitUpdate("orphan", TaskState.TASK_LOST);
      assertThat(gone.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
      assertThat(gone.getMessage()).isEqualTo("Agent agent-0.local removed: a new agent registered at the same address");
      assertThat(gone.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
      assertThat(gone.hasUuid()).isFalse();
      s.await(e -> e.getType() == Event.Type.FAILURE && e.getFailure().getAgentId().getValue().equals(old));
      await().atMost(TestScheduler.WAIT).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      s.awaitOffer(o -> o.getAgentId().getValue().equals(successor), new HashSet<>());
      assertThat(workDir.resolve("agents/" + cluster.agentIds().indexOf(successor) + ".replaced-" + old)).isDirectory();
    }
  }
}

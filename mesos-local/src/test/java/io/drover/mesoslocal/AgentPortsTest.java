package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents that run real processes share this machine's ports, so each offers its own slice of the
 * configured port ranges; without processes every agent offers them all
 * ({@code StateEndpointTest}).
 */
class AgentPortsTest {

  @TempDir
  Path workDir;

  @Test
  void agentsRunningProcessesOfferDisjointSlicesOfThePortRanges() {
    try (MesosLocal cluster = MesosLocal.builder().agents(3).workDir(workDir)
            .agentResources("cpus:1;mem:512;ports:[31000-31010,32000-32004]").start();
        TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("ports").build())) {
      Set<OfferID> used = new HashSet<>();
      List<String> ports = cluster.state().agents().stream().map(a -> {
        Offer offer = s.awaitOffer(o -> o.getAgentId().getValue().equals(a.id()), used);
        return Ranges.format(Resources.of(offer.getResourcesList()).ranges("ports"));
      }).toList();
      // 16 ports for 3 agents: 5, 5 and 6, in order, none offered twice.
      assertThat(ports).containsExactly("[31000-31004]", "[31005-31009]", "[31010-31010, 32000-32004]");
    }
  }

  @Test
  void fewerPortsThanAgentsIsRefusedWithWhatToChange() {
    assertThatThrownBy(() -> MesosLocal.builder().agents(3).workDir(workDir).agentResources("cpus:1;mem:512;ports:[31000-31001]").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("agent resources ports:[31000-31001] hold 2 port(s), fewer than the 3 agents that share this"
            + " machine's ports: give at least one port per agent, or run without processes");
  }
}

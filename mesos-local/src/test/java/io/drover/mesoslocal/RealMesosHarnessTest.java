package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.mesoslocal.real.RealMesos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/** The real-Mesos harness itself: agents stop, recover, get replaced; the master restarts; nothing is left. */
@RealMesosTest
class RealMesosHarnessTest {

  @Test
  void agentsRecoverOrAreReplacedTheMasterRestartsAndCloseLeavesNoProcess() throws Exception {
    RealMesos mesos = RealMesos.builder().agents(2).start();
    Path scratch = mesos.scratch();
    try (mesos) {
      List<String> agents = mesos.agentIds();
      assertThat(agents).hasSize(2).doesNotHaveDuplicates();
      FrameworkInfo info = TestScheduler.partitionAware("harness").setCheckpoint(true).addRoles("*")
          .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
          .build();
      try (TestScheduler s = TestScheduler.subscribe(mesos.url(), info, false)) {
        s.autoAck = true;
        Offer offer = s.awaitOffer(o -> o.getAgentId().getValue().equals(agents.get(0)), new java.util.HashSet<>());
        s.launch(offer, TestScheduler.task("sleeper", offer, "sleep 300", 0.1, 32));
        s.awaitUpdate("sleeper", TaskState.TASK_RUNNING);

        mesos.stopAgent(agents.get(0));
        s.awaitUpdate("sleeper", TaskState.TASK_UNREACHABLE);
        mesos.startAgent(agents.get(0));
        assertThat(mesos.agentIds()).isEqualTo(agents);
        s.await(e -> e.getType() == org.apache.mesos.v1.scheduler.Protos.Event.Type.UPDATE
            && e.getUpdate().getStatus().getState() == TaskState.TASK_RUNNING
            && e.getUpdate().getStatus().getReason() == org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_AGENT_REREGISTERED);

        String successor = mesos.replaceAgent(agents.get(1));
        assertThat(successor).isNotIn(agents);
        assertThat(mesos.agentIds()).containsExactly(agents.get(0), successor);
      }
      mesos.restartMaster();
      assertThat(mesos.agentIds()).containsExactly(mesos.agentIds().get(0), mesos.agentIds().get(1));
    }
    assertThat(mesos.processes()).isEmpty();
    assertThat(ps()).noneMatch(line -> line.contains(scratch.toString()));
    assertThat(scratch).doesNotExist();
  }

  private static List<String> ps() throws IOException, InterruptedException {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").redirectErrorStream(true).start();
    String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    return out.lines().toList();
  }
}

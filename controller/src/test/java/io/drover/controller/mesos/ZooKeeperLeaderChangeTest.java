package io.drover.controller.mesos;

import static io.drover.controller.mesos.ClientHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.mesoslocal.MesosLocal;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two mesos-local masters registered in one ZooKeeper path; the client follows the leader. */
class ZooKeeperLeaderChangeTest {

  private ClientHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new ClientHarness();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
  }

  private static boolean connectedTo(MesosLocal mesos, FrameworkID id) {
    return mesos.state().framework(id.getValue()).map(f -> f.connected()).orElse(false);
  }

  @Test
  void subscribesToTheLeaderAndFollowsALeaderChange() {
    MesosLocal leader = harness.mesos(b -> b.zk(harness.zkUrl("/mesos")));
    MesosLocal standby = harness.mesos(b -> b.zk(harness.zkUrl("/mesos")));
    ClientHarness.Client c = harness.startedClient(harness.zkUrl("/mesos"), b -> b);

    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 1);
    FrameworkID id = c.listener().subscriptions.get(0);
    assertThat(connectedTo(leader, id)).isTrue();
    assertThat(standby.state().framework(id.getValue())).isEmpty();

    leader.close();

    await().atMost(WAIT).until(() -> c.listener().subscriptions.size() == 2);
    assertThat(c.listener().subscriptions.get(1)).isEqualTo(id);
    await().atMost(WAIT).until(() -> connectedTo(standby, id));
    await().atMost(WAIT).until(() -> c.listener().reconciliations.get() == 2);
  }
}

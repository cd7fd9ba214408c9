package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.controller.mesos.FrameworkIdStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkFrameworkIdStoreTest {

  private TestingServer zk;
  private CuratorFramework client;

  @BeforeEach
  void start() throws Exception {
    zk = new TestingServer(true);
    client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    zk.close();
  }

  private static FrameworkID id(String value) {
    return FrameworkID.newBuilder().setValue(value).build();
  }

  @Test
  void storesReplacesAndRetiresTheFrameworkIdUnderTheRoot() throws Exception {
    ZkFrameworkIdStore store = new ZkFrameworkIdStore(ControllerWrites.unfenced(client), "/team-a/drover");
    assertThat(store.location()).isEqualTo("/team-a/drover/scheduler/framework-id");
    assertThat(store.load()).isEmpty();

    store.store(id("fw-1"));
    assertThat(store.load()).contains(id("fw-1"));
    assertThat(new String(client.getData().forPath(store.location()), StandardCharsets.UTF_8)).isEqualTo("fw-1");
    assertThat(client.getData().forPath("/team-a/drover/scheduler")).isEmpty();

    store.store(id("fw-2"));
    assertThat(store.load()).contains(id("fw-2"));

    store.retire();
    assertThat(store.load()).isEmpty();
    store.retire();
    assertThat(client.checkExists().forPath("/team-a/drover/scheduler")).isNotNull();
  }

  @Test
  void aFencedWriteIsRefusedAndLeavesTheStoredIdAlone() throws Exception {
    ControllerWrites.unfenced(client).client().create().creatingParentsIfNeeded().forPath("/drover/scheduler/framework-id",
        "fw-1".getBytes(StandardCharsets.UTF_8));
    ControllerWrites deposed = new ControllerWrites() {
      @Override
      public CuratorFramework client() {
        return client;
      }

      @Override
      public List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws FencedWriteException {
        throw new FencedWriteException("write refused: another replica leads", null);
      }
    };
    ZkFrameworkIdStore store = new ZkFrameworkIdStore(deposed, "/drover");

    assertThatThrownBy(() -> store.store(id("fw-2"))).isInstanceOf(FrameworkIdStore.Refused.class)
        .hasMessageContaining("another replica leads");
    assertThatThrownBy(store::retire).isInstanceOf(FrameworkIdStore.Refused.class);
    assertThat(store.load()).contains(id("fw-1"));
  }
}

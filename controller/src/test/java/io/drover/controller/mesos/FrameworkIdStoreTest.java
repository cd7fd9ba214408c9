package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.store.ControllerWrites;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameworkIdStoreTest {

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
    FrameworkIdStore store = new FrameworkIdStore(ControllerWrites.unfenced(client), "/team-a/drover");
    assertThat(store.path()).isEqualTo("/team-a/drover/scheduler/framework-id");
    assertThat(store.load()).isEmpty();

    store.store(id("fw-1"));
    assertThat(store.load()).contains(id("fw-1"));
    assertThat(new String(client.getData().forPath(store.path()), StandardCharsets.UTF_8)).isEqualTo("fw-1");
    assertThat(client.getData().forPath("/team-a/drover/scheduler")).isEmpty();

    store.store(id("fw-2"));
    assertThat(store.load()).contains(id("fw-2"));

    store.retire();
    assertThat(store.load()).isEmpty();
    store.retire();
    assertThat(client.checkExists().forPath("/team-a/drover/scheduler")).isNotNull();
  }
}

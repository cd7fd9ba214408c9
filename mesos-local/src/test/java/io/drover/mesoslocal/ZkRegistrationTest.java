package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master registers in a real ZooKeeper as real masters do, and re-registers on failover. */
class ZkRegistrationTest {

  TestingServer zk;
  CuratorFramework client;

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

  @Test
  void registersAnEphemeralSequentialJsonInfoNodeAndReplacesItOnFailover() throws Exception {
    MesosLocal cluster = MesosLocal.builder().noProcess(true).zk("zk://" + zk.getConnectString() + "/mesos").start();
    try {
      List<String> nodes = client.getChildren().forPath("/mesos");
      assertThat(nodes).hasSize(1);
      assertThat(nodes.get(0)).matches("json\\.info_\\d{10}");
      JsonNode info = new ObjectMapper().readTree(client.getData().forPath("/mesos/" + nodes.get(0)));
      assertThat(info.path("id").asText()).isEqualTo(cluster.state().masterId());
      assertThat(info.path("address").path("ip").asText()).isEqualTo("127.0.0.1");
      assertThat(info.path("address").path("port").asInt()).isEqualTo(URI.create(cluster.url()).getPort());
      assertThat(info.path("version").asText()).isEqualTo("1.11.0");
      assertThat(client.checkExists().forPath("/mesos/" + nodes.get(0)).getEphemeralOwner()).isNotZero();

      cluster.faults().masterRestart();
      List<String> after = client.getChildren().forPath("/mesos");
      assertThat(after).hasSize(1);
      assertThat(after.get(0)).isGreaterThan(nodes.get(0));
      JsonNode newInfo = new ObjectMapper().readTree(client.getData().forPath("/mesos/" + after.get(0)));
      assertThat(newInfo.path("id").asText()).isEqualTo(cluster.state().masterId()).isNotEqualTo(info.path("id").asText());
    } finally {
      cluster.close();
    }
    await().atMost(TestScheduler.WAIT).until(() -> client.getChildren().forPath("/mesos").isEmpty());
  }
}

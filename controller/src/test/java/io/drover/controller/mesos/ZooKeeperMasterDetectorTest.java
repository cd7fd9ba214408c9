package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZooKeeperMasterDetectorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestingServer zk;
  private CuratorFramework masters;
  private MasterDetector detector;

  @BeforeEach
  void startZooKeeper() throws Exception {
    zk = new TestingServer(true);
    masters = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    masters.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (detector != null) {
      detector.close();
    }
    masters.close();
    zk.close();
  }

  private String register(String path, String ip, int port) throws Exception {
    String json = "{\"id\":\"" + ip + port + "\",\"ip\":0,\"port\":" + port
        + ",\"address\":{\"ip\":\"" + ip + "\",\"port\":" + port + "},\"capabilities\":[{}]}";
    return masters.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath(path + "/json.info_", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void lowestSequenceLeadsAndALeaderChangeIsNoticed() throws Exception {
    String first = register("/mesos", "127.0.0.1", 5050);
    register("/mesos", "127.0.0.1", 5051);
    masters.create().forPath("/mesos/log_replicas", new byte[0]);
    detector = MasterDetector.forUrl("zk://" + zk.getConnectString() + "/mesos");
    AtomicInteger changes = new AtomicInteger();
    detector.onLeaderChange(changes::incrementAndGet);
    detector.start();

    await().atMost(WAIT).until(() -> detector.candidates().size() == 2);
    assertThat(detector.candidates()).containsExactly(
        URI.create("http://127.0.0.1:5050"), URI.create("http://127.0.0.1:5051"));
    int before = changes.get();

    masters.delete().forPath(first);

    await().atMost(WAIT).until(() -> detector.candidates().equals(
        List.of(URI.create("http://127.0.0.1:5051"))));
    await().atMost(WAIT).until(() -> changes.get() == before + 1);
  }

  @Test
  void pathCreatedLaterIsPickedUp() throws Exception {
    detector = MasterDetector.forUrl("zk://" + zk.getConnectString() + "/late/mesos/");
    detector.start();
    assertThat(detector.candidates()).isEmpty();

    register("/late/mesos", "127.0.0.1", 6060);

    await().atMost(WAIT).until(() -> detector.candidates().equals(
        List.of(URI.create("http://127.0.0.1:6060"))));
  }

  @Test
  void garbageRegistrationsAreSkipped() throws Exception {
    masters.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath("/mesos/json.info_", "not json".getBytes(StandardCharsets.UTF_8));
    register("/mesos", "127.0.0.1", 7070);
    detector = MasterDetector.forUrl("zk://" + zk.getConnectString() + "/mesos");
    detector.start();

    await().atMost(WAIT).until(() -> detector.candidates().equals(
        List.of(URI.create("http://127.0.0.1:7070"))));
  }
}

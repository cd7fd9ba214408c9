package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.app.HostileDocuments.Hostile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile documents written straight into ZooKeeper, bypassing the CLI (issue 13): none crashes a
 * replica, each gets a status that says what is wrong with it (or runs, when it is valid after
 * all), and none disturbs a running service, not even hostile edits of that service's own node.
 */
class HostileDocumentsTest {
  private static final String STEADY_SPEC = """
        pods:
          web:
            count: 2
            tasks:
              server: {cmd: "exec sleep 600", cpus: 0.1, memory: 32, volume: {path: data, sizeMiB: 8}}
      """;

  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(2).build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static boolean ready(ServiceStatus s, long generation) {
    Condition ready = s.condition(Condition.READY);
    return s.observedGeneration() == generation && ready != null && ready.isTrue();
  }

  @Test
  void hostileDocumentsNeitherCrashAnythingNorDisturbARunningService() throws Exception {
    long g0 = drover.apply("steady", HostileDocuments.service("steady", STEADY_SPEC));
    drover.awaitStatus("steady", s -> ready(s, g0));
    Map<String, String> running = drover.liveTasks("steady");
    DroverCluster.assertRunning(running, 2);

    List<Hostile> documents = HostileDocuments.all();
    List<Hostile> edits = HostileDocuments.editsOf("steady", STEADY_SPEC);
    assertThat(documents.size() + edits.size()).isGreaterThanOrEqualTo(60);
    for (Hostile h : documents) {
      write(h);
    }
    for (Hostile h : documents) {
      ServiceStatus s = drover.awaitStatus(h.node(), st -> st.phase() != null && st.phase() != Phase.PENDING);
      if (h.valid()) {
        assertThat(s.phase()).as(h.what()).isNotEqualTo(Phase.INVALID);
      } else {
        assertThat(s.phase()).as(h.what()).isEqualTo(Phase.INVALID);
        assertThat(s.errors()).as(h.what()).isNotEmpty();
      }
    }
    assertThat(drover.liveTasks("steady")).isEqualTo(running);

    for (Hostile edit : edits) {
      long generation = write(edit);
      ServiceStatus s = drover.awaitStatus("steady", st -> st.observedGeneration() == generation);
      assertThat(s.condition(Condition.ACCEPTED).isTrue()).as(edit.what()).isFalse();
      assertThat(s.specHash()).as(edit.what()).isNotNull();
      assertThat(drover.liveTasks("steady")).as(edit.what()).isEqualTo(running);
    }
    long restored = drover.apply("steady", HostileDocuments.service("steady", STEADY_SPEC));
    drover.awaitStatus("steady", s -> ready(s, restored));
    assertThat(drover.liveTasks("steady")).as("nothing was relaunched").isEqualTo(running);

    for (Controller replica : drover.replicas()) {
      HttpResponse<String> services = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + replica.httpAddress().getPort() + "/v1/services")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(services.statusCode()).isEqualTo(200);
      assertThat(services.body()).contains("\"billion-laughs\"", "\"no-data\"", "\"steady\"");
    }
    assertThat(drover.leader().leading()).isTrue();
  }

  /** Writes the document's bytes as they are (null: a node without data), as zkCli or a script would. */
  private long write(Hostile h) throws Exception {
    CuratorFramework zk = drover.user();
    String path = DroverCluster.paths().service(h.node());
    Stat stat = zk.checkExists().forPath(path);
    if (stat == null) {
      zk.createContainers(DroverCluster.paths().services());
      zk.getZookeeperClient().getZooKeeper().create(path, h.content(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      return 0;
    }
    return zk.setData().withVersion(stat.getVersion()).forPath(path, h.content()).getVersion();
  }
}

package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.drivers.TracerDriver;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ZkStatusStoreTest {

  @RegisterExtension
  static final ZooKeeperServerExtension ZK = new ZooKeeperServerExtension();

  @Test
  void readsStatusAndReportsUnreadableJsonWithoutFailing() throws Exception {
    ServiceStatus running = new ServiceStatus(3, "abc", Phase.RUNNING,
        List.of(new Condition(Condition.READY, Condition.TRUE, "AllReady", "2/2", null)),
        null, null, null, null);
    String statuses = ZK.root() + "/status";
    ZK.client().create().creatingParentsIfNeeded().forPath(statuses + "/web",
        Services.statusMapper().writeValueAsBytes(running));
    ZK.client().create().forPath(statuses + "/broken",
        "{not json".getBytes(StandardCharsets.UTF_8));

    try (CuratorFramework client = ZkClients.connect(ZK.settings())) {
      StatusStore store = StatusStore.create(client, ZK.paths());

      StatusDocument web = store.read("web").orElseThrow();
      assertThat(web.status()).isEqualTo(running);
      assertThat(web.error()).isNull();
      StatusDocument broken = store.read("broken").orElseThrow();
      assertThat(broken.status()).isNull();
      assertThat(broken.error()).startsWith(statuses + "/broken holds unreadable status JSON");
      assertThat(store.list(StatusDocument.WHOLE)).extracting(StatusDocument::name).containsExactly("broken", "web");
      assertThat(store.read("nothing")).isEmpty();
    }
  }

  @Test
  void listingAndReadingByNameGiveEveryStatusAsReadingItAloneWould() throws Exception {
    String statuses = ZK.root() + "/status";
    for (int i = 0; i < 40; i++) {
      ServiceStatus status = new ServiceStatus(i, "h" + i, Phase.RUNNING, List.of(), null, null, null, null);
      ZK.client().create().creatingParentsIfNeeded().forPath(statuses + String.format("/svc-%02d", i),
          Services.statusMapper().writeValueAsBytes(status));
    }
    // A node without data, as zkCli's "create PATH" leaves it.
    ZK.client().getZookeeperClient().getZooKeeper()
        .create(statuses + "/empty", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    try (CuratorFramework client = ZkClients.connect(ZK.settings())) {
      StatusStore store = StatusStore.create(client, ZK.paths());

      List<StatusDocument> listed = store.list(StatusDocument.WHOLE);
      assertThat(listed).hasSize(41);
      assertThat(listed.get(0).name()).isEqualTo("empty");
      assertThat(listed.get(0).error()).startsWith(statuses + "/empty holds unreadable status JSON");
      assertThat(listed.get(40).status().observedGeneration()).isEqualTo(39);
      for (StatusDocument doc : listed) {
        assertThat(doc).isEqualTo(store.read(doc.name()).orElseThrow());
      }
      Map<String, StatusDocument> named = store.read(List.of("svc-07", "absent", "empty", "svc-03"));
      assertThat(named.keySet()).containsExactly("svc-07", "empty", "svc-03");
      named.forEach((name, doc) -> assertThat(doc).isEqualTo(listed.stream()
          .filter(d -> d.name().equals(name)).findFirst().orElseThrow()));
    }
  }

  @Test
  void listingReadsManyStatusesToARequest() throws Exception {
    String statuses = ZK.root() + "/status";
    for (int i = 0; i < 250; i++) {
      ServiceStatus status = new ServiceStatus(i, "h" + i, Phase.RUNNING, List.of(), null, null, null, null);
      ZK.client().create().creatingParentsIfNeeded().forPath(statuses + String.format("/svc-%03d", i),
          Services.statusMapper().writeValueAsBytes(status));
    }

    try (CuratorFramework client = ZkClients.connect(ZK.settings())) {
      // Curator traces each of its own operations; the batched reads go to ZooKeeper as multis.
      List<String> traced = new CopyOnWriteArrayList<>();
      client.getZookeeperClient().setTracerDriver(new TracerDriver() {
        @Override
        public void addTrace(String name, long time, TimeUnit unit) {
          traced.add(name);
        }

        @Override
        public void addCount(String name, int increment) {}
      });

      List<StatusDocument> listed = StatusStore.create(client, ZK.paths()).list(StatusDocument.WHOLE);

      assertThat(listed).hasSize(250);
      assertThat(listed.get(249).status().observedGeneration()).isEqualTo(249);
      assertThat(traced).filteredOn(name -> name.startsWith("GetData")).isEmpty();
    }
  }

  @Test
  void listingWithoutAnyStatusIsEmpty() throws Exception {
    try (CuratorFramework client = ZkClients.connect(ZK.settings())) {
      assertThat(StatusStore.create(client, ZK.paths()).list(StatusDocument.WHOLE)).isEmpty();
    }
  }
}

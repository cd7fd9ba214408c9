package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
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
      assertThat(store.list()).extracting(StatusDocument::name).containsExactly("broken", "web");
      assertThat(store.read("nothing")).isEmpty();
    }
  }

  @Test
  void listingWithoutAnyStatusIsEmpty() throws Exception {
    try (CuratorFramework client = ZkClients.connect(ZK.settings())) {
      assertThat(StatusStore.create(client, ZK.paths()).list()).isEmpty();
    }
  }
}

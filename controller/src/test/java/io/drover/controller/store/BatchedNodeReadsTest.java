package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link DesiredStore#listNodes} reads many nodes to a request, against a real ZooKeeper. */
class BatchedNodeReadsTest {

  @RegisterExtension
  static final ZooKeeperServerExtension ZK = new ZooKeeperServerExtension();

  private CuratorFramework client;
  private DesiredStore store;

  @BeforeEach
  void connect() throws StoreException {
    client = ZkClients.connect(ZK.settings());
    store = DesiredStore.create(client, ZK.paths());
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void manyNodesComeWholeInNameOrderWithTheirOwnStats() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      String name = String.format("svc-%03d", i);
      names.add(name);
      store.create(name, i == 7 ? new byte[0] : bytes("document of " + name + " ".repeat(i)));
    }
    String changed = ZK.root() + "/services/svc-301";
    ZK.client().setData().forPath(changed, bytes("changed behind the store's back"));

    List<StoredNode> nodes = store.listNodes();

    assertThat(nodes).extracting(StoredNode::name).containsExactlyElementsOf(names);
    for (StoredNode node : nodes) {
      Stat stat = new Stat();
      byte[] data = ZK.client().getData().storingStatIn(stat).forPath(node.path());
      assertThat(node.data()).as(node.name()).isEqualTo(data);
      assertThat(node.stat()).as(node.name()).isEqualTo(stat);
    }
    assertThat(nodes.get(301).data()).isEqualTo(bytes("changed behind the store's back"));
    assertThat(nodes.get(301).generation()).isEqualTo(1);
  }

  @Test
  void answersOverThePacketLimitAreReadOneNodeARequest(@TempDir Path dir) throws Exception {
    // A client configured down to ZooKeeper's default limit (Drover's own accept 32 MiB): three
    // nodes of 400 KiB in the first request make its answer over 1 MiB.
    Path config = Files.writeString(dir.resolve("zk-client.properties"), "jute.maxbuffer=1048576\n");
    client.close();
    client = ZkClients.connect(ZK.settings().withClientConfig(config));
    store = DesiredStore.create(client, ZK.paths());
    assertThat(MultiReads.answerLimit(client)).isEqualTo(1024 * 1024);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String name = String.format("svc-%03d", i);
      names.add(name);
      byte[] data = new byte[i % 5 == 1 && i < 15 ? 400 * 1024 : 300];
      Arrays.fill(data, (byte) ('a' + i % 26));
      store.create(name, data);
    }

    List<StoredNode> nodes = store.listNodes();

    assertThat(nodes).extracting(StoredNode::name).containsExactlyElementsOf(names);
    for (StoredNode node : nodes) {
      assertThat(node.data()).as(node.name())
          .isEqualTo(ZK.client().getData().forPath(node.path()));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

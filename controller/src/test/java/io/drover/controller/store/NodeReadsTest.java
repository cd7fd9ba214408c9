package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipelined reads of sibling nodes against a real ZooKeeper: order, absent nodes, failures named by label. */
class NodeReadsTest {

  @RegisterExtension
  static final ZooKeeperServerExtension ZK = new ZooKeeperServerExtension();

  @Test
  void returnsTheDecodedNodesInTheOrderGivenLeavingOutTheAbsentOnes() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < NodeReads.READS_IN_FLIGHT + 100; i++) {
      String name = String.format("n-%04d", i);
      names.add(name);
      if (i % 7 != 3) {
        ZK.client().create().creatingParentsIfNeeded().forPath(ZK.root() + "/p/" + name, bytes(name));
      }
    }

    List<String> read = reads().read(names, (path, name, data, stat) -> path + "=" + new String(data, StandardCharsets.UTF_8));

    List<String> expected = names.stream().filter(n -> Integer.parseInt(n.substring(2)) % 7 != 3)
        .map(n -> ZK.root() + "/p/" + n + "=" + n).toList();
    assertThat(read).containsExactlyElementsOf(expected);
  }

  @Test
  void aNodeThatCannotBeReadFailsTheWholeReadNamingItsLabel() throws Exception {
    ZK.client().create().creatingParentsIfNeeded().forPath(ZK.root() + "/p/open", bytes("open"));
    Id other = new Id("digest", DigestAuthenticationProvider.generateDigest("other:secret"));
    ZK.client().create().withACL(List.of(new ACL(ZooDefs.Perms.ALL, other))).forPath(ZK.root() + "/p/closed", bytes("x"));

    assertThatThrownBy(() -> reads().read(List.of("open", "closed"), (path, name, data, stat) -> name))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_AUTHORIZED))
        .hasMessageContaining("/p/closed");
    assertThatThrownBy(() -> reads().read(List.of("open"), (path, name, data, stat) -> {
      throw new IllegalStateException("cannot decode " + name);
    })).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(StoreException.Code.FAILED))
        .hasMessageContaining("thing/open").hasMessageContaining("cannot decode open");
  }

  private static NodeReads reads() {
    String parent = ZK.root() + "/p";
    return new NodeReads(ZK.client(), ZK.paths(), parent, name -> parent + "/" + name, name -> "thing/" + name);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package io.drover.controller.store;

import static io.drover.controller.store.ZkDesiredStoreTest.bytes;
import static io.drover.controller.store.ZkDesiredStoreTest.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DesiredStore#writeAll} and {@link DesiredStore#readNodes} on a real ZooKeeper. */
class ZkDesiredStoreBatchTest {

  @RegisterExtension
  static final ZooKeeperServerExtension ZK = new ZooKeeperServerExtension();

  private CuratorFramework client;
  private DesiredStore store;
  private final List<Integer> written = new ArrayList<>();

  @BeforeEach
  void connect() throws StoreException {
    client = ZkClients.connect(ZK.settings());
    store = DesiredStore.create(client, ZK.paths());
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static String name(int i) {
    return String.format("s%04d", i);
  }

  private static List<DesiredWrite> creates(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> DesiredWrite.create(name(i), bytes(doc(name(i), 1))))
        .toList();
  }

  private Stat stat(String name) throws Exception {
    return ZK.client().checkExists().forPath(ZK.root() + "/services/" + name);
  }

  @Test
  void writesThousandsOfDocumentsInAFewRequestsAndReportsEachInOrder() throws Exception {
    int n = 3_000;

    store.writeAll(creates(0, n), written::add);

    assertThat(written).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
    List<Long> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Stat stat = stat(name(i));
      assertThat(stat.getVersion()).isZero();
      requests.add(stat.getCzxid());
    }
    // A multi-op is one transaction: its nodes share their creation zxid.
    assertThat(requests.stream().distinct().count()).isBetween(2L, 5L);
    assertThat(store.read(name(1234)).orElseThrow().text()).isEqualTo(doc(name(1234), 1));
  }

  @Test
  void mixesCreatesUpdatesAndDeletesConditionally() throws Exception {
    store.create("a", bytes(doc("a", 1)));
    store.create("b", bytes(doc("b", 1)));

    store.writeAll(List.of(
        DesiredWrite.update("a", bytes(doc("a", 2)), 0),
        DesiredWrite.create("c", bytes(doc("c", 1))),
        DesiredWrite.delete("b", 0)), written::add);

    assertThat(written).containsExactly(0, 1, 2);
    assertThat(store.read("a").orElseThrow().generation()).isEqualTo(1);
    assertThat(store.read("b")).isEmpty();
    assertThat(store.read("c").orElseThrow().generation()).isZero();
  }

  @Test
  void aConcurrentCreateStopsTheRunThereWithTheWritesBeforeItDone() throws Exception {
    ZK.client().create().creatingParentsIfNeeded().forPath(ZK.root() + "/services/" + name(5),
        bytes(doc(name(5), 3)));

    assertThatThrownBy(() -> store.writeAll(creates(0, 10), written::add))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
        .hasMessage("service/s0005 was created concurrently: re-run the command");

    assertThat(written).containsExactly(0, 1, 2, 3, 4);
    for (int i = 0; i < 5; i++) {
      assertThat(stat(name(i))).isNotNull();
    }
    for (int i = 6; i < 10; i++) {
      assertThat(stat(name(i))).isNull();
    }
    assertThat(store.read(name(5)).orElseThrow().text()).isEqualTo(doc(name(5), 3));
  }

  @Test
  void aStaleGenerationIsAConflictNamingTheVersions() throws Exception {
    store.writeAll(creates(0, 3), i -> { });
    store.update(name(1), bytes(doc(name(1), 2)), 0);

    assertThatThrownBy(() -> store.writeAll(List.of(
            DesiredWrite.update(name(0), bytes(doc(name(0), 5)), 0),
            DesiredWrite.update(name(1), bytes(doc(name(1), 5)), 0),
            DesiredWrite.delete(name(2), 0)), written::add))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
        .hasMessage("service/s0001 was modified concurrently (version 1, expected 0): "
            + "re-run the command");

    assertThat(written).containsExactly(0);
    assertThat(stat(name(0)).getVersion()).isEqualTo(1);
    assertThat(stat(name(1)).getVersion()).isEqualTo(1);
    assertThat(stat(name(2))).isNotNull();
  }

  @Test
  void aServiceNodeWithNodesUnderItIsDeletedAloneAndTheRunGoesOn() throws Exception {
    store.writeAll(creates(0, 3), i -> { });
    ZK.client().create().forPath(ZK.root() + "/services/" + name(1) + "/stray");

    store.writeAll(List.of(DesiredWrite.delete(name(0), 0), DesiredWrite.delete(name(1), 0),
        DesiredWrite.delete(name(2), 0), DesiredWrite.create(name(3), bytes(doc(name(3), 1)))),
        written::add);

    assertThat(written).containsExactly(0, 1, 2, 3);
    assertThat(store.listNodes().stream().map(StoredNode::decode).toList()).extracting(DesiredDocument::name).containsExactly(name(3));
  }

  @Test
  void aDocumentOverTheLimitIsRefusedAfterTheOnesBeforeIt() throws Exception {
    List<DesiredWrite> writes = new ArrayList<>(creates(0, 2));
    writes.add(DesiredWrite.create("big",
        bytes(doc("big", 1) + "#" + "x".repeat(DesiredStore.MAX_DOCUMENT_BYTES))));
    writes.addAll(creates(2, 4));

    assertThatThrownBy(() -> store.writeAll(writes, written::add))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.TOO_LARGE));

    assertThat(written).containsExactly(0, 1);
    assertThat(store.listNodes().stream().map(StoredNode::decode).toList()).extracting(DesiredDocument::name).containsExactly(name(0), name(1));
  }

  @Test
  void batchedDocumentsInheritTheAclOfTheServicesNode() throws Exception {
    List<ACL> acl = List.of(
        new ACL(ZooDefs.Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret"))),
        new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
    String services = ZK.root() + "/services";
    ZK.client().create().creatingParentsIfNeeded().forPath(services);
    ZK.client().setACL().withACL(acl).forPath(services);

    try (CuratorFramework alice = ZkClients.connect(ZK.settings().withDigestAuth("alice:secret"))) {
      DesiredStore.create(alice, ZK.paths()).writeAll(creates(0, 20), written::add);
      assertThat(alice.getACL().forPath(services + "/" + name(7))).isEqualTo(acl);
    }
    assertThat(written).hasSize(20);
    assertThatThrownBy(() -> store.writeAll(List.of(DesiredWrite.delete(name(3), 0)), i -> { }))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_AUTHORIZED));
  }

  @Test
  void readsTheNamedDocumentsThatExistInTheOrderGiven() throws Exception {
    store.writeAll(creates(0, 1_200), i -> { });
    store.update(name(777), bytes(doc(name(777), 2)), 0);
    List<String> names = new ArrayList<>();
    for (int i = 1_199; i >= 0; i -= 2) {
      names.add(name(i));
    }
    names.add(1, "absent");

    Map<String, StoredNode> read = store.readNodes(names);

    assertThat(read.keySet()).containsExactlyElementsOf(
        names.stream().filter(n -> !n.equals("absent")).toList());
    assertThat(read.values()).allMatch(n -> n.decode().valid());
    assertThat(read.get(name(777)).generation()).isEqualTo(1);
    assertThat(read.get(name(777)).decode().loaded().resource().spec().pods().get("hello").count())
        .isEqualTo(2);
    assertThat(store.readNodes(List.of("absent"))).isEmpty();
  }
}

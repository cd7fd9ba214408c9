package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ZkDesiredStoreTest {

  @RegisterExtension
  static final ZooKeeperServerExtension ZK = new ZooKeeperServerExtension();

  private CuratorFramework client;
  private DesiredStore store;

  static String doc(String name, int count) {
    return """
        # written by hand
        apiVersion: drover.io/v1
        kind: Service
        metadata:
          name: %s
        spec:
          pods:
            hello:
              count: %d
              tasks:
                server: {cmd: "sleep 1000", cpus: 0.1, memory: 32}
        """.formatted(name, count);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

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
  void createsTheRootOnFirstUseAndStoresTheTextAsWritten() throws Exception {
    assertThat(store.listNodes().stream().map(StoredNode::decode).toList()).isEmpty();
    assertThat(store.read("hello")).isEmpty();

    long generation = store.create("hello", bytes(doc("hello", 2)));

    assertThat(generation).isZero();
    byte[] raw = ZK.client().getData().forPath(ZK.root() + "/services/hello");
    assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo(doc("hello", 2));
    DesiredDocument read = store.read("hello").orElseThrow();
    assertThat(read.valid()).isTrue();
    assertThat(read.generation()).isZero();
    assertThat(read.text()).isEqualTo(doc("hello", 2));
    assertThat(read.loaded().resource().spec().pods().get("hello").count()).isEqualTo(2);
    assertThat(read.created()).isEqualTo(read.modified());
  }

  @Test
  void updatesAndDeletesAreConditionalOnTheGeneration() throws Exception {
    store.create("hello", bytes(doc("hello", 1)));

    assertThat(store.update("hello", bytes(doc("hello", 2)), 0)).isEqualTo(1);
    assertThat(store.read("hello").orElseThrow().generation()).isEqualTo(1);

    assertThatThrownBy(() -> store.update("hello", bytes(doc("hello", 3)), 0))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
        .hasMessage("service/hello was modified concurrently (version 1, expected 0): "
            + "re-run the command");
    assertThatThrownBy(() -> store.delete("hello", 0))
        .hasMessage("service/hello was modified concurrently (version 1, expected 0): "
            + "re-run the command");
    assertThat(store.read("hello").orElseThrow().loaded().resource().spec().pods().get("hello")
        .count()).isEqualTo(2);

    store.delete("hello", 1);
    assertThat(store.read("hello")).isEmpty();
    assertThatThrownBy(() -> store.update("hello", bytes(doc("hello", 3)), 1))
        .hasMessage("service/hello was deleted concurrently (expected version 1): "
            + "re-run the command");
  }

  @Test
  void createOfAnExistingServiceIsAConflict() throws Exception {
    store.create("hello", bytes(doc("hello", 1)));

    assertThatThrownBy(() -> store.create("hello", bytes(doc("hello", 2))))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
        .hasMessage("service/hello was created concurrently: re-run the command");
    assertThat(store.read("hello").orElseThrow().generation()).isZero();
  }

  @Test
  void twoWritersNeverLoseAnUpdate() throws Exception {
    store.create("hello", bytes(doc("hello", 0)));
    try (CuratorFramework other = ZkClients.connect(ZK.settings())) {
      DesiredStore second = DesiredStore.create(other, ZK.paths());
      DesiredDocument seenByFirst = store.read("hello").orElseThrow();
      DesiredDocument seenBySecond = second.read("hello").orElseThrow();

      store.update("hello", bytes(doc("hello", 1)), seenByFirst.generation());

      assertThatThrownBy(() -> second.update("hello", bytes(doc("hello", 2)),
              seenBySecond.generation()))
          .isInstanceOfSatisfying(StoreException.class,
              e -> assertThat(e.code()).isEqualTo(StoreException.Code.CONFLICT))
          .hasMessage("service/hello was modified concurrently (version 1, expected 0): "
              + "re-run the command");
      assertThat(second.read("hello").orElseThrow().loaded().resource().spec().pods()
          .get("hello").count()).isEqualTo(1);
    }
  }

  @Test
  void concurrentReadModifyWriteLoopsCountEveryIncrement() throws Exception {
    store.create("hello", bytes(doc("hello", 0)));
    int perWriter = 15;
    try (CuratorFramework a = ZkClients.connect(ZK.settings());
        CuratorFramework b = ZkClients.connect(ZK.settings())) {
      Incrementer first = new Incrementer(DesiredStore.create(a, ZK.paths()), perWriter);
      Incrementer second = new Incrementer(DesiredStore.create(b, ZK.paths()), perWriter);
      Thread t1 = new Thread(first);
      Thread t2 = new Thread(second);
      t1.start();
      t2.start();
      t1.join(30_000);
      t2.join(30_000);
      assertThat(t1.isAlive() || t2.isAlive()).as("writers finished").isFalse();
      assertThat(first.failure).isNull();
      assertThat(second.failure).isNull();
    }
    DesiredDocument last = store.read("hello").orElseThrow();
    assertThat(last.loaded().resource().spec().pods().get("hello").count())
        .isEqualTo(2 * perWriter);
    assertThat(last.generation()).isEqualTo(2 * perWriter);
  }

  /** Increments the pod count n times, re-reading and retrying on every conflict. */
  private static final class Incrementer implements Runnable {
    private final DesiredStore store;
    private final int times;
    private volatile Exception failure;

    Incrementer(DesiredStore store, int times) {
      this.store = store;
      this.times = times;
    }

    @Override
    public void run() {
      try {
        for (int done = 0, attempts = 0; done < times; attempts++) {
          if (attempts > 50 * times) {
            throw new IllegalStateException("no progress after " + attempts + " attempts");
          }
          DesiredDocument d = store.read("hello").orElseThrow();
          int count = d.loaded().resource().spec().pods().get("hello").count();
          try {
            store.update("hello", bytes(doc("hello", count + 1)), d.generation());
            done++;
          } catch (StoreException e) {
            if (e.code() != StoreException.Code.CONFLICT) {
              throw e;
            }
          }
        }
      } catch (Exception e) {
        failure = e;
      }
    }
  }

  @Test
  void listsEveryServiceSortedByName() throws Exception {
    store.create("web", bytes(doc("web", 1)));
    store.create("api", bytes(doc("api", 1)));

    List<DesiredDocument> all = store.listNodes().stream().map(StoredNode::decode).toList();

    assertThat(all).extracting(DesiredDocument::name).containsExactly("api", "web");
  }

  @Test
  void listsMoreDocumentsThanItReadsAtOnceWithTheirGenerations() throws Exception {
    store.create("s0000", bytes(doc("s0000", 1)));
    String services = ZK.root() + "/services";
    List<CuratorOp> batch = new ArrayList<>();
    for (int i = 1; i < 1_200; i++) {
      String name = String.format("s%04d", i);
      batch.add(ZK.client().transactionOp().create().forPath(services + "/" + name, bytes(doc(name, 1))));
      if (batch.size() == 200) {
        ZK.client().transaction().forOperations(batch);
        batch.clear();
      }
    }
    ZK.client().transaction().forOperations(batch);
    store.update("s0777", bytes(doc("s0777", 2)), 0);

    List<DesiredDocument> all = store.listNodes().stream().map(StoredNode::decode).toList();

    assertThat(all).hasSize(1_200).allMatch(DesiredDocument::valid);
    assertThat(all).extracting(DesiredDocument::name).isSorted().startsWith("s0000").endsWith("s1199");
    assertThat(all.get(777).generation()).isEqualTo(1);
    assertThat(all.get(776).generation()).isZero();
  }

  @Test
  void invalidDocumentsWrittenByHandAreReportedNotThrown() throws Exception {
    String services = ZK.root() + "/services";
    ZK.client().create().creatingParentsIfNeeded().forPath(services + "/broken",
        bytes("apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: broken\n"));
    ZK.client().create().forPath(services + "/renamed", bytes(doc("other", 1)));
    ZK.client().create().forPath(services + "/two", bytes(doc("two", 1) + "---\n" + doc("two", 2)));
    ZK.client().create().forPath(services + "/empty", new byte[0]);
    ZK.client().create().forPath(services + "/binary", new byte[] {(byte) 0xff, 0x00, 0x12});
    ZK.client().create().forPath(services + "/cpus", bytes(doc("cpus", 1).replace("0.1", "-1")));

    List<DesiredDocument> all = store.listNodes().stream().map(StoredNode::decode).toList();

    assertThat(all).extracting(DesiredDocument::name)
        .containsExactly("binary", "broken", "cpus", "empty", "renamed", "two");
    assertThat(all).noneMatch(DesiredDocument::valid);
    assertThat(store.read("renamed").orElseThrow().loaded().problems().get(0).toString())
        .isEqualTo("metadata.name: Invalid value: \"other\": must equal the name of its node, "
            + "\"renamed\": rename the node or fix metadata.name");
    assertThat(store.read("two").orElseThrow().loaded().problems().get(0).toString())
        .contains("holds 2 documents");
    assertThat(store.read("cpus").orElseThrow().loaded().problems().get(0).toString())
        .startsWith("spec.pods.hello.tasks.server.cpus: Invalid value: -1");
    assertThat(store.read("empty").orElseThrow().loaded().problems()).isNotEmpty();
    assertThat(store.read("broken").orElseThrow().loaded().problems()).isNotEmpty();
  }

  @Test
  void refusesDocumentsOverTheSizeLimitAndWritesNothing() throws Exception {
    byte[] big = bytes(doc("big", 1) + "#" + "x".repeat(DesiredStore.MAX_DOCUMENT_BYTES));

    assertThatThrownBy(() -> store.create("big", big))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.TOO_LARGE))
        .hasMessageContaining("more than the limit of 524288 bytes");
    assertThat(store.read("big")).isEmpty();
  }

  @Test
  void watchFiresWhenTheDocumentAppears() throws Exception {
    CountDownLatch fired = new CountDownLatch(1);
    assertThat(store.readNodeAndWatch("hello", e -> fired.countDown())).isEmpty();

    store.create("hello", bytes(doc("hello", 1)));

    assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void newDocumentsInheritTheAclOfTheServicesNode() throws Exception {
    List<ACL> acl = List.of(
        new ACL(ZooDefs.Perms.ALL, digest("alice:secret")),
        new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
    String services = protectedServicesNode(acl);

    try (CuratorFramework alice = ZkClients.connect(ZK.settings().withDigestAuth("alice:secret"))) {
      DesiredStore.create(alice, ZK.paths()).create("hello", bytes(doc("hello", 1)));
      assertThat(alice.getACL().forPath(services + "/hello")).isEqualTo(acl);
    }

    assertThat(store.read("hello")).isPresent();
    assertThatThrownBy(() -> store.update("hello", bytes(doc("hello", 2)), 0))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_AUTHORIZED))
        .hasMessageContaining("check the credentials given with --zk-auth");
    Stat stat = ZK.client().checkExists().forPath(services + "/hello");
    assertThat(stat.getVersion()).isZero();
  }

  @Test
  void aWriterWithoutAdminOnTheParentGetsItsOwnIdentityForMaskedEntries() throws Exception {
    String services = protectedServicesNode(List.of(
        new ACL(ZooDefs.Perms.ALL, digest("admin:root")),
        new ACL(ZooDefs.Perms.ALL & ~ZooDefs.Perms.ADMIN, digest("bob:pw")),
        new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)));

    try (CuratorFramework bob = ZkClients.connect(ZK.settings().withDigestAuth("bob:pw"))) {
      DesiredStore bobs = DesiredStore.create(bob, ZK.paths());
      bobs.create("hello", bytes(doc("hello", 1)));
      assertThat(bobs.update("hello", bytes(doc("hello", 2)), 0)).isEqualTo(1);
      assertThat(bob.getACL().forPath(services + "/hello")).containsExactlyInAnyOrder(
          new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE),
          new ACL(ZooDefs.Perms.ALL, digest("bob:pw")));
    }
    assertThat(store.read("hello").orElseThrow().generation()).isEqualTo(1);
    assertThatThrownBy(() -> store.delete("hello", 1))
        .isInstanceOfSatisfying(StoreException.class,
            e -> assertThat(e.code()).isEqualTo(StoreException.Code.NOT_AUTHORIZED));
  }

  private String protectedServicesNode(List<ACL> acl) throws Exception {
    String services = ZK.root() + "/services";
    ZK.client().create().creatingParentsIfNeeded().forPath(services);
    ZK.client().setACL().withACL(acl).forPath(services);
    return services;
  }

  private static Id digest(String userPassword) throws Exception {
    return new Id("digest", DigestAuthenticationProvider.generateDigest(userPassword));
  }
}

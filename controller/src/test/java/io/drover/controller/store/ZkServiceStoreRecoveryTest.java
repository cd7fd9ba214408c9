package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pipelined recovery: more entries than it reads at once, through a client with a chroot namespace. */
class ZkServiceStoreRecoveryTest {
  private TestingServer zk;
  private CuratorFramework client;

  @BeforeEach
  void start() throws Exception {
    zk = new TestingServer(true);
    client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString()).namespace("chroot")
        .retryPolicy(new RetryOneTime(100)).build();
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    zk.close();
  }

  @Test
  void recoversEveryEntryInListingOrderUnderTheNamespace() throws Exception {
    ServiceStore store = ServiceStore.create(ControllerWrites.unfenced(client), "/drover");
    List<ServiceRecord> saved = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String name = String.format("svc-%03d", i);
      ServiceResource r = ServiceStoreTest.resource(name, "run");
      ServiceRecord record = ServiceRecord.initial(Target.of("c1", 1, r))
          .withTask(ServiceStoreTest.task(name, 0, TaskState.TASK_RUNNING))
          .withTask(ServiceStoreTest.task(name, 1, null));
      if (i % 50 == 0) {
        record = record.uninstallingFrom(Instant.parse("2025-01-01T00:00:00Z"));
      }
      store.save(null, record);
      saved.add(record);
    }

    ServiceStore.Recovered rec = store.recover();

    assertThat(rec.broken()).isEmpty();
    List<String> listed = client.getChildren().forPath("/drover/scheduler/services");
    assertThat(rec.services()).extracting(ServiceRecord::name).containsExactlyElementsOf(listed);
    assertThat(rec.services()).containsExactlyInAnyOrderElementsOf(saved);
    assertThat(client.usingNamespace(null).checkExists().forPath("/chroot/drover/scheduler/services/svc-000")).isNotNull();
  }

  @Test
  void aStoredSpecThatIsExactlyTheKnownTargetIsTakenAsItIsAndAnyOtherIsDecoded() throws Exception {
    Target same = Target.of("c1", 1, ServiceStoreTest.resource("same", "run"));
    Target stored = Target.of("c2", 1, ServiceStoreTest.resource("other", "run"));
    ServiceStore writer = ServiceStore.create(ControllerWrites.unfenced(client), "/drover");
    writer.save(null, ServiceRecord.initial(same));
    writer.save(null, ServiceRecord.initial(stored));
    Target newerGeneration = Target.of("c2", 2, stored.resource());
    Map<String, Target> known = Map.of("same", known(Target.of("c1", 1, ServiceStoreTest.resource("same", "run"))),
        "other", known(newerGeneration));

    ServiceStore.Recovered rec = ServiceStore.create(ControllerWrites.unfenced(client), "/drover",
        name -> Optional.ofNullable(known.get(name))).recover();

    Map<String, Target> targets = rec.services().stream().collect(Collectors.toMap(ServiceRecord::name, ServiceRecord::target));
    assertThat(targets.get("same")).isSameAs(known.get("same")).isEqualTo(same);
    assertThat(targets.get("other")).isEqualTo(stored).isNotEqualTo(newerGeneration);
  }

  @Test
  void theKnownTargetIsComparedByTheCanonicalFormItWasLoadedWithNotSerializedAgain() throws Exception {
    Target stored = Target.of("c1", 1, ServiceStoreTest.resource("web", "run"));
    ServiceStore.create(ControllerWrites.unfenced(client), "/drover").save(null, ServiceRecord.initial(stored));
    Target sameTarget = known(Target.of("c1", 1, ServiceStoreTest.resource("web", "run")));
    String otherForm = Services.canonicalJson(ServiceStoreTest.resource("web", "other"));
    Target withOtherForm = Target.of("c1", 1, ServiceStoreTest.resource("web", "run"), otherForm);

    Target taken = ServiceStore.create(ControllerWrites.unfenced(client), "/drover",
        name -> Optional.of(withOtherForm)).recover().services().get(0).target();
    Target matched = ServiceStore.create(ControllerWrites.unfenced(client), "/drover",
        name -> Optional.of(sameTarget)).recover().services().get(0).target();

    // A form that is not the stored one is no match, whatever the target would serialize to: the node is decoded.
    assertThat(taken).isEqualTo(stored).isNotSameAs(withOtherForm);
    assertThat(matched).isSameAs(sameTarget);
  }

  @Test
  void anEntryThePreviousVersionStoredIsTakenFromTheDesiredDocumentWithItsSpecHashUnchanged() throws Exception {
    String yaml = "apiVersion: drover.io/v1\nkind: Service\nmetadata:\n  name: web\n  labels: {team: a}\nspec:\n  pods:\n"
        + "    hello:\n      count: 2\n      tasks:\n        server: {cmd: \"serve\", cpus: 0.1, memory: 32, ports: {http: {}}}\n";
    String hash = "4e5e842b6a8f256d43a641b196713ca81b9ff13ce2a5029d540805c888af7237";
    // The spec node as the version before this one (83165c4) wrote it for that document at generation 3.
    String specNode = "{\"specHash\":\"" + hash + "\",\"generation\":3,\"document\":{\"apiVersion\":\"drover.io/v1\","
        + "\"kind\":\"Service\",\"metadata\":{\"annotations\":{},\"labels\":{\"team\":\"a\"},\"name\":\"web\"},\"spec\":{\"plans\":"
        + "{\"deploy\":{\"phases\":{\"hello\":{\"pod\":\"hello\",\"strategy\":\"serial\"}},\"strategy\":\"serial\"},\"update\":"
        + "{\"phases\":{\"hello\":{\"pod\":\"hello\",\"strategy\":\"serial\"}},\"strategy\":\"serial\"}},\"pods\":{\"hello\":"
        + "{\"count\":2,\"executor\":\"command\",\"placement\":{\"rules\":[]},\"replaceAfterSeconds\":300,\"tasks\":{\"server\":"
        + "{\"cmd\":\"serve\",\"cpus\":0.1,\"disk\":0,\"env\":{},\"essential\":true,\"goal\":\"RUNNING\",\"killGracePeriodSeconds\":5,"
        + "\"memory\":32,\"ports\":{\"http\":{\"port\":0}}}}}}}}}";
    String base = "/drover/scheduler/services/web";
    client.create().creatingParentsIfNeeded().forPath(base + "/spec", specNode.getBytes(StandardCharsets.UTF_8));
    client.create().forPath(base + "/state", ("{\"deployedSpecHash\":\"" + hash + "\",\"updated\":false,\"pausedPlans\":[]}")
        .getBytes(StandardCharsets.UTF_8));
    client.create().forPath(base + "/tasks");
    Stat stat = new Stat();
    stat.setVersion(3);
    Target desired = DesiredEntry.decode("web", new ChildData("/drover/services/web", stat, yaml.getBytes(StandardCharsets.UTF_8)))
        .target().orElseThrow();

    ServiceRecord r = ServiceStore.create(ControllerWrites.unfenced(client), "/drover", name -> Optional.of(desired))
        .recover().services().get(0);

    assertThat(r.target()).as("taken from the desired document, not decoded again").isSameAs(desired);
    assertThat(r.target().specHash()).isEqualTo(hash).isEqualTo(r.deployedSpecHash());
    assertThat(ServiceRecordCodec.spec(r.target())).isEqualTo(specNode.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aClientThatAcceptsLargeAnswersReadsAGroupOfEntriesInAFewRequestsAndABrokenOneFailsAlone() throws Exception {
    try (CuratorFramework large = clientAccepting(ZkClients.ANSWER_LIMIT_BYTES)) {
      ServiceStore store = ServiceStore.create(ControllerWrites.unfenced(large), "/drover");
      List<ServiceRecord> saved = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String name = String.format("svc-%03d", i);
        ServiceRecord record = ServiceRecord.initial(Target.of("c1", 1, ServiceStoreTest.resource(name, "run")))
            .withTask(ServiceStoreTest.task(name, 0, TaskState.TASK_RUNNING));
        if (i % 20 == 0) {
          record = record.withTask(ServiceStoreTest.task(name, 1, null)).uninstallingFrom(Instant.parse("2025-01-01T00:00:00Z"));
        }
        store.save(null, record);
        if (i != 42) {
          saved.add(record);
        }
      }
      large.delete().deletingChildrenIfNeeded().forPath("/drover/scheduler/services/svc-042/tasks");
      long before = requestsReceived();

      ServiceStore.Recovered rec = store.recover();

      // One request per entry and node was three per one-task entry: over 600 for these 200.
      assertThat(requestsReceived() - before).isLessThan(60);
      assertThat(rec.services()).containsExactlyInAnyOrderElementsOf(saved);
      List<String> listed = new ArrayList<>(large.getChildren().forPath("/drover/scheduler/services"));
      listed.remove("svc-042");
      assertThat(rec.services()).extracting(ServiceRecord::name).containsExactlyElementsOf(listed);
      assertThat(rec.broken()).containsOnlyKeys("svc-042");
      assertThat(rec.broken().get("svc-042")).contains("/drover/scheduler/services/svc-042/tasks");
    }
  }

  @Test
  void aRequestNeverCarriesMoreThanTheClientAcceptsInItsAnswer() throws Exception {
    // Room for two nodes of the largest size: every entry and task below is near it.
    try (CuratorFramework twoNodes = clientAccepting(2 * MultiReads.NODE_BYTES + 4096)) {
      byte[] big = new byte[900 * 1024];
      Arrays.fill(big, (byte) 'b');
      List<String> bases = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String base = "/drover/scheduler/services/big-" + i;
        twoNodes.create().creatingParentsIfNeeded().forPath(base + "/spec", big);
        twoNodes.create().forPath(base + "/state", "{}".getBytes(StandardCharsets.UTF_8));
        twoNodes.create().forPath(base + "/tasks");
        for (int t = 0; t < 3; t++) {
          twoNodes.create().forPath(base + "/tasks/t" + t, big);
        }
        bases.add(base);
      }
      PipelinedServiceReads reads = new PipelinedServiceReads(twoNodes);
      assertThat(reads.group()).isEqualTo(2);
      assertThat(reads.tasksPerRequest()).isEqualTo(2);

      List<PipelinedServiceReads.Raw> raws = new ArrayList<>();
      for (int from = 0; from < bases.size(); from += reads.group()) {
        raws.addAll(reads.read(bases.subList(from, Math.min(bases.size(), from + reads.group()))));
      }

      for (PipelinedServiceReads.Raw raw : raws) {
        assertThat(PipelinedServiceReads.result(raw.spec())).isEqualTo(big);
        assertThat(PipelinedServiceReads.result(raw.tasks())).extracting(PipelinedServiceReads.Task::path)
            .containsExactly(raw.base() + "/tasks/t0", raw.base() + "/tasks/t1", raw.base() + "/tasks/t2");
      }
    }
  }

  private CuratorFramework clientAccepting(int bytes) throws InterruptedException {
    ZKClientConfig config = new ZKClientConfig();
    config.setProperty(ZKClientConfig.JUTE_MAXBUFFER, Integer.toString(bytes));
    CuratorFramework c = CuratorFrameworkFactory.builder().connectString(zk.getConnectString()).namespace("chroot")
        .retryPolicy(new RetryOneTime(100)).zkClientConfig(config).build();
    c.start();
    c.blockUntilConnected();
    return c;
  }

  /** The requests the server has received so far, by its {@code srvr} command. */
  private long requestsReceived() throws Exception {
    String srvr = FourLetterWordMain.send4LetterWord("127.0.0.1", zk.getPort(), "srvr");
    return srvr.lines().filter(l -> l.startsWith("Received: ")).mapToLong(l -> Long.parseLong(l.substring(10).trim()))
        .findFirst().orElseThrow();
  }

  /** {@code t} made as the desired cache makes it: with the canonical form loading its document computed. */
  private static Target known(Target t) {
    return Target.of(t.specHash(), t.generation(), t.resource(), Services.loadCanonical("test", Services.canonicalJson(t.resource())
        .getBytes(StandardCharsets.UTF_8)).canonicalJson());
  }

  @Test
  void anEntryWhoseNodesTogetherExceedARequestIsStillReadWhole() throws Exception {
    // A spec near its limit and thousands of tasks: over 1 MiB together, more than one answer may carry.
    String base = "/drover/scheduler/services/big";
    byte[] spec = new byte[700 * 1024];
    Arrays.fill(spec, (byte) 's');
    client.create().creatingParentsIfNeeded().forPath(base + "/spec", spec);
    client.create().forPath(base + "/state", "{}".getBytes(StandardCharsets.UTF_8));
    client.create().forPath(base + "/tasks");
    String longName = "t".repeat(250);
    List<CuratorOp> ops = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      ops.add(client.transactionOp().create().forPath(base + "/tasks/" + longName + i, new byte[] {1}));
      if (ops.size() == 500) {
        client.transaction().forOperations(ops);
        ops.clear();
      }
    }

    PipelinedServiceReads.Raw raw = new PipelinedServiceReads(client).read(List.of(base)).get(0);

    assertThat(PipelinedServiceReads.result(raw.spec())).isEqualTo(spec);
    assertThat(PipelinedServiceReads.result(raw.uninstalling())).isEmpty();
    assertThat(PipelinedServiceReads.result(raw.tasks())).hasSize(2_000);
  }
}

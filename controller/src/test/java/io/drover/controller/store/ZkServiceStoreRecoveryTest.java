package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
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
    Map<String, Target> known = Map.of("same", Target.of("c1", 1, ServiceStoreTest.resource("same", "run")),
        "other", newerGeneration);

    ServiceStore.Recovered rec = ServiceStore.create(ControllerWrites.unfenced(client), "/drover",
        name -> Optional.ofNullable(known.get(name))).recover();

    Map<String, Target> targets = rec.services().stream().collect(Collectors.toMap(ServiceRecord::name, ServiceRecord::target));
    assertThat(targets.get("same")).isSameAs(known.get("same")).isEqualTo(same);
    assertThat(targets.get("other")).isEqualTo(stored).isNotEqualTo(newerGeneration);
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

    PipelinedServiceReads.Raw raw = new PipelinedServiceReads(client).read(base);

    assertThat(PipelinedServiceReads.result(raw.spec())).isEqualTo(spec);
    assertThat(PipelinedServiceReads.result(raw.uninstalling())).isEmpty();
    assertThat(PipelinedServiceReads.result(raw.tasks())).hasSize(2_000);
  }
}

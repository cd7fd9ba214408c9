package io.drover.controller.store;

import static io.drover.controller.store.ServiceStoreTest.resource;
import static io.drover.controller.store.ServiceStoreTest.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.controller.ha.FencedWrites;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.LeaderTerm;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.state.TaskRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ServiceStore#saveAll} against a real ZooKeeper: many services per request, within the request budget. */
class ServiceStoreSaveAllTest {
  private TestingServer zk;
  private CuratorFramework client;
  private ServiceStoreTest.FlakyWrites writes;
  private ServiceStore store;

  @BeforeEach
  void start() throws Exception {
    zk = new TestingServer(true);
    // Built as the controller builds its client, which leader election requires.
    client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString()).retryPolicy(new RetryOneTime(100))
        .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy()).build();
    client.start();
    writes = new ServiceStoreTest.FlakyWrites(ControllerWrites.unfenced(client));
    store = ServiceStore.create(writes, "/drover");
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    zk.close();
  }

  private static ServiceRecord empty(String name) {
    return ServiceRecord.initial(Target.of("c1", 1, resource(name, "x")));
  }

  private static ServiceRecord withTasks(ServiceRecord r, int count) {
    Map<String, TaskRecord> tasks = new HashMap<>(r.tasks());
    for (int i = 0; i < count; i++) {
      TaskRecord t = task(r.name(), i, TaskState.TASK_RUNNING);
      tasks.put(t.info().getName(), t);
    }
    return new ServiceRecord(r.target(), r.deployedSpecHash(), r.updated(), r.uninstallingSince(), r.pausedPlans(), tasks);
  }

  /** {@code count} stored services s0, s1, ..., without tasks. */
  private List<ServiceRecord> stored(int count) throws Exception {
    List<ServiceRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ServiceRecord r = empty("s" + i);
      store.save(null, r);
      records.add(r);
    }
    return records;
  }

  private static List<ServiceStore.Change> launches(List<ServiceRecord> records, int tasks) {
    return records.stream().map(r -> new ServiceStore.Change(r, withTasks(r, tasks))).toList();
  }

  private List<ServiceRecord> recovered() throws Exception {
    return store.recover().services();
  }

  @Test
  void theChangesOfManyServicesGoInOneRequest() throws Exception {
    List<ServiceRecord> records = stored(50);
    List<ServiceStore.Change> changes = launches(records, 2);
    int before = writes.commits;

    assertThat(store.saveAll(changes)).isEmpty();

    assertThat(writes.commits - before).isEqualTo(1);
    assertThat(recovered()).containsExactlyInAnyOrderElementsOf(changes.stream().map(ServiceStore.Change::after).toList());
  }

  @Test
  void newServicesAreCreatedTogetherOnceTheirParentsWereSeen() throws Exception {
    stored(1);
    List<ServiceStore.Change> created = List.of(new ServiceStore.Change(null, withTasks(empty("x"), 1)),
        new ServiceStore.Change(null, empty("y")), new ServiceStore.Change(null, withTasks(empty("z"), 2)));
    int before = writes.commits;

    assertThat(store.saveAll(created)).isEmpty();

    assertThat(writes.commits - before).isEqualTo(1);
    assertThat(recovered()).hasSize(4).containsAll(created.stream().map(ServiceStore.Change::after).toList());
  }

  /** What a batch of puts and uninstalls writes: creations, new targets and uninstall markers, one of them refused. */
  @Test
  void aBatchOfCommandsWithARefusedCreationSavesEveryOtherChange() throws Exception {
    List<ServiceRecord> records = stored(3);
    ServiceRecord updated = new ServiceRecord(Target.of("c2", 2, resource("s0", "y")), records.get(0).deployedSpecHash(),
        records.get(0).updated(), records.get(0).uninstallingSince(), records.get(0).pausedPlans(), records.get(0).tasks());
    ServiceRecord uninstalling = records.get(2).uninstallingFrom(Instant.parse("2026-12-03T12:00:00Z"));
    List<ServiceStore.Change> commands = List.of(
        new ServiceStore.Change(records.get(0), updated),
        new ServiceStore.Change(null, empty("x")),
        // s1 exists: a creation of it is refused, and must not take the others with it.
        new ServiceStore.Change(null, empty("s1")),
        new ServiceStore.Change(records.get(2), uninstalling),
        new ServiceStore.Change(null, empty("y")));
    int before = writes.commits;

    Map<String, Exception> failed = store.saveAll(commands);

    assertThat(failed).containsOnlyKeys("s1");
    assertThat(failed.get("s1")).isInstanceOf(KeeperException.NodeExistsException.class);
    assertThat(writes.commits - before).as("the refused request, then each change alone").isEqualTo(6);
    assertThat(recovered()).containsExactlyInAnyOrder(updated, empty("x"), records.get(1), uninstalling, empty("y"));
  }

  @Test
  void changesLargerThanOneRequestAreSplitBetweenServicesAndATooLargeOneIsSavedOnItsOwn() throws Exception {
    ServiceRecord sample = withTasks(empty("s0"), 1);
    int perTask = OpBatches.cost(store.path("s0") + "/tasks/hello-0-server",
        ServiceRecordCodec.task(sample.tasks().values().iterator().next()));
    int perRequest = OpBatches.BUDGET_BYTES / perTask;
    List<ServiceRecord> records = stored(11);
    // Ten services of 15 % of a request each (six fit one), and one that needs more than one alone.
    List<ServiceStore.Change> changes = new ArrayList<>(launches(records.subList(0, 10), perRequest * 3 / 20));
    changes.add(new ServiceStore.Change(records.get(10), withTasks(records.get(10), perRequest * 5 / 4)));
    int before = writes.commits;

    assertThat(store.saveAll(changes)).isEmpty();

    assertThat(writes.commits - before).as("2 requests for the ten, 2 for the large one").isEqualTo(4);
    assertThat(recovered()).containsExactlyInAnyOrderElementsOf(changes.stream().map(ServiceStore.Change::after).toList());
  }

  @Test
  void aChangeZooKeeperRefusesFailsAloneAndTheOthersAreSaved() throws Exception {
    List<ServiceRecord> records = stored(3);
    // s1's stored entry already has the task its change creates: ZooKeeper refuses the creation.
    store.save(records.get(1), withTasks(records.get(1), 1));
    List<ServiceStore.Change> changes = launches(records, 1);

    Map<String, Exception> failed = store.saveAll(changes);

    assertThat(failed).containsOnlyKeys("s1");
    assertThat(failed.get("s1")).isInstanceOf(KeeperException.NodeExistsException.class);
    assertThat(recovered()).containsExactlyInAnyOrder(changes.get(0).after(), withTasks(records.get(1), 1), changes.get(2).after());
  }

  @Test
  void aRequestWhoseOutcomeIsUnknownFailsItsServicesAndTheirNextSaveRewritesThem() throws Exception {
    List<ServiceRecord> records = stored(3);
    List<ServiceStore.Change> changes = launches(records, 2);
    writes.failCommit(1, true);

    assertThat(store.saveAll(changes)).containsOnlyKeys("s0", "s1", "s2");

    // The scheduler still holds the records it had: the retry must not trip over the applied request.
    assertThat(store.saveAll(changes)).isEmpty();
    assertThat(recovered()).containsExactlyInAnyOrderElementsOf(changes.stream().map(ServiceStore.Change::after).toList());
  }

  @Test
  void aDeposedLeadersBatchIsRefusedWhole() throws Exception {
    ExecutorService events = Executors.newSingleThreadExecutor();
    try (LeaderElection election = LeaderElection.create(client, "/drover/leader", new ReplicaInfo("a", "127.0.0.1:1"),
        events, Clock.systemUTC())) {
      election.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> election.currentTerm().isPresent());
      ServiceStore fenced = ServiceStore.create(new FencedWrites(election, new SimpleMeterRegistry()), "/drover");
      List<ServiceRecord> records = stored(3);
      assertThat(fenced.saveAll(launches(records.subList(0, 1), 1))).isEmpty();
      // Another replica's term: the election node this one won is not what it was.
      LeaderTerm term = election.currentTerm().orElseThrow();
      client.setData().forPath(term.nodePath(), "taken".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> fenced.saveAll(launches(records.subList(1, 3), 1))).isInstanceOf(FencedWriteException.class);

      assertThat(recovered()).containsExactlyInAnyOrder(withTasks(records.get(0), 1), records.get(1), records.get(2));
    } finally {
      events.shutdownNow();
    }
  }
}

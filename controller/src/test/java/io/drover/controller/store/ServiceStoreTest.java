package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import io.drover.reconcile.state.TaskRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceStoreTest {
  private TestingServer zk;
  private CuratorFramework client;
  private ServiceStore store;
  private FlakyWrites flaky;

  /** The real writes, with a fault armed by the test: the n-th commit from now fails before or after it is applied. */
  static final class FlakyWrites implements ControllerWrites {
    private final ControllerWrites real;
    private int failAt = -1;
    private boolean afterApplying;
    int commits;

    FlakyWrites(ControllerWrites real) {
      this.real = real;
    }

    void failCommit(int n, boolean applied) {
      failAt = commits + n;
      afterApplying = applied;
    }

    @Override
    public CuratorFramework client() {
      return real.client();
    }

    @Override
    public List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception {
      int n = ++commits;
      if (n == failAt && !afterApplying) {
        throw new KeeperException.ConnectionLossException();
      }
      List<CuratorTransactionResult> results = real.commit(ops);
      if (n == failAt) {
        throw new KeeperException.ConnectionLossException();
      }
      return results;
    }
  }

  private static ServiceRecord withTasks(ServiceRecord r, String name, int count) {
    for (int i = 0; i < count; i++) {
      r = r.withTask(task(name, i, TaskState.TASK_RUNNING));
    }
    return r;
  }

  @BeforeEach
  void start() throws Exception {
    zk = new TestingServer(true);
    client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    client.start();
    flaky = new FlakyWrites(ControllerWrites.unfenced(client));
    store = ServiceStore.create(flaky, "/drover");
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    zk.close();
  }

  static ServiceResource resource(String name, String cmd) {
    String yaml = "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: " + name + "}\n"
        + "spec:\n  pods:\n    hello:\n      count: 2\n      tasks:\n        server: {cmd: \"" + cmd + "\", cpus: 0.1, memory: 32}\n";
    return Services.load("test", yaml.getBytes(StandardCharsets.UTF_8)).get(0).resource();
  }

  static TaskRecord task(String name, int index, TaskState state) {
    TaskInfo info = TaskInfo.newBuilder()
        .setName("hello-" + index + "-server")
        .setTaskId(TaskID.newBuilder().setValue(name + "__hello-" + index + "-server__u" + index))
        .setAgentId(AgentID.newBuilder().setValue("agent-1"))
        .setLabels(Labels.newBuilder()
            .addLabels(Label.newBuilder().setKey("pod").setValue("hello"))
            .addLabels(Label.newBuilder().setKey("pod_index").setValue(Integer.toString(index)))
            .addLabels(Label.newBuilder().setKey("task").setValue("server"))
            .addLabels(Label.newBuilder().setKey("goal").setValue("RUNNING"))
            .addLabels(Label.newBuilder().setKey("target_config").setValue("c1"))
            .addLabels(Label.newBuilder().setKey("spec_digest").setValue("d")))
        .build();
    TaskStatus status = state == null ? null : TaskStatus.newBuilder().setTaskId(info.getTaskId()).setState(state).build();
    return new TaskRecord(info, "host-1", status, true, false, Set.of("r1", "r2"), Set.of("r2"), null);
  }

  @Test
  void aSavedServiceIsRecoveredExactly() throws Exception {
    ServiceResource r = resource("web", "serve");
    ServiceRecord record = ServiceRecord.initial(Target.of(Services.specHash(r), 7, r))
        .withTask(task("web", 0, TaskState.TASK_RUNNING))
        .withTask(task("web", 1, null))
        .withTask(task("web", 2, TaskState.TASK_FAILED).withAgentStatus(TaskStatus.newBuilder()
            .setTaskId(TaskID.newBuilder().setValue("web__hello-2-server__u2")).setState(TaskState.TASK_UNREACHABLE)
            .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(1_700_000_000_000_000_000L)).build()))
        .withDeployed("c0")
        .withPaused("update", true);
    store.save(null, record);
    ServiceStore.Recovered rec = store.recover();
    assertThat(rec.broken()).isEmpty();
    assertThat(rec.services()).containsExactly(record);
    assertThat(client.getChildren().forPath("/drover/scheduler/services/web")).containsExactlyInAnyOrder("spec", "state", "tasks");
  }

  @Test
  void aNewServiceIsSavedEvenWhenItsParentsWereRemovedSinceTheFirstSave() throws Exception {
    ServiceRecord web = ServiceRecord.initial(Target.of("c1", 1, resource("web", "serve")));
    ServiceRecord api = ServiceRecord.initial(Target.of("c1", 1, resource("api", "serve")));
    store.save(null, web);
    client.delete().deletingChildrenIfNeeded().forPath("/drover/scheduler");

    store.save(null, api);

    assertThat(store.recover().services()).containsExactly(api);
  }

  @Test
  void onlyWhatChangedIsWrittenAndTheUninstallMarkerSurvives() throws Exception {
    ServiceResource r = resource("web", "serve");
    ServiceRecord v1 = ServiceRecord.initial(Target.of("c1", 1, r)).withTask(task("web", 0, null)).withTask(task("web", 1, null));
    store.save(null, v1);
    Stat specBefore = client.checkExists().forPath("/drover/scheduler/services/web/spec");
    Stat task1Before = client.checkExists().forPath("/drover/scheduler/services/web/tasks/hello-1-server");

    ServiceRecord v2 = v1.withTask(task("web", 0, TaskState.TASK_RUNNING)).withoutTask("hello-1-server")
        .uninstallingFrom(Instant.parse("2025-01-01T00:00:00Z"));
    store.save(v1, v2);
    assertThat(client.checkExists().forPath("/drover/scheduler/services/web/spec").getVersion()).isEqualTo(specBefore.getVersion());
    assertThat(client.checkExists().forPath("/drover/scheduler/services/web/tasks/hello-0-server").getVersion()).isEqualTo(1);
    assertThat(client.checkExists().forPath("/drover/scheduler/services/web/tasks/hello-1-server")).isNull();
    assertThat(task1Before).isNotNull();
    assertThat(store.recover().services()).containsExactly(v2);
    assertThat(store.recover().services().get(0).uninstallingSince()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));

    ServiceResource changed = resource("web", "serve --v2");
    store.save(v2, v2.withTarget(Target.of("c2", 2, changed)));
    assertThat(store.recover().services().get(0).target().resource()).isEqualTo(changed);
  }

  @Test
  void whetherAnUpdateEverCameIsStoredAndDefaultedForEntriesOfOlderVersions() throws Exception {
    ServiceRecord deployed = ServiceRecord.initial(Target.of("c1", 1, resource("web", "serve"))).withDeployed("c1");
    ServiceRecord updated = deployed.withTarget(Target.of("c2", 2, resource("web", "serve --v2")));
    assertThat(updated.updated()).isTrue();
    store.save(null, updated);
    assertThat(store.recover().services()).containsExactly(updated);
    store.save(updated, updated.withDeployed("c2"));
    assertThat(store.recover().services().get(0).updated()).as("stays an update once rolled out").isTrue();

    // Entries written before "updated" was stored: an update still rolling out is one; a completed rollout is not.
    String state = "/drover/scheduler/services/web/state";
    client.setData().forPath(state, "{\"deployedSpecHash\":\"c1\",\"pausedPlans\":[\"update\"]}".getBytes(StandardCharsets.UTF_8));
    ServiceRecord rolling = store.recover().services().get(0);
    assertThat(rolling.updated()).isTrue();
    assertThat(rolling.paused("update")).isTrue();
    client.setData().forPath(state, "{\"deployedSpecHash\":\"c2\",\"pausedPlans\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(store.recover().services().get(0).updated()).isFalse();
    client.setData().forPath(state, "{\"pausedPlans\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(store.recover().services().get(0).updated()).isFalse();
  }

  @Test
  void aBrokenEntryIsReportedAndSkippedWithoutHarmingTheOthers() throws Exception {
    ServiceResource a = resource("alpha", "a");
    ServiceResource b = resource("beta", "b");
    store.save(null, ServiceRecord.initial(Target.of("c1", 1, a)).withTask(task("alpha", 0, null)));
    store.save(null, ServiceRecord.initial(Target.of("c1", 1, b)));
    client.setData().forPath("/drover/scheduler/services/alpha/tasks/hello-0-server", "{not json".getBytes(StandardCharsets.UTF_8));
    client.create().forPath("/drover/scheduler/services/gamma", new byte[0]);

    ServiceStore.Recovered rec = store.recover();
    assertThat(rec.services()).extracting(ServiceRecord::name).containsExactly("beta");
    assertThat(rec.broken()).containsOnlyKeys("alpha", "gamma");
    assertThat(rec.broken().get("gamma")).contains("/drover/scheduler/services/gamma/spec");
  }

  @Test
  void recordsWrittenUnderTheOlderKeyNamesAreRecoveredWithTheirSpecHashes() throws Exception {
    ServiceResource r = resource("web", "serve");
    ServiceRecord record = ServiceRecord.initial(Target.of("c2", 3, r)).withDeployed("c1");
    store.save(null, record);
    String spec = new String(client.getData().forPath("/drover/scheduler/services/web/spec"), StandardCharsets.UTF_8);
    String state = new String(client.getData().forPath("/drover/scheduler/services/web/state"), StandardCharsets.UTF_8);
    client.setData().forPath("/drover/scheduler/services/web/spec",
        spec.replace("\"specHash\"", "\"configId\"").getBytes(StandardCharsets.UTF_8));
    client.setData().forPath("/drover/scheduler/services/web/state",
        state.replace("\"deployedSpecHash\"", "\"deployedConfigId\"").getBytes(StandardCharsets.UTF_8));

    ServiceStore.Recovered rec = store.recover();
    assertThat(rec.broken()).isEmpty();
    assertThat(rec.services()).containsExactly(record);
  }

  @Test
  void aStoredSpecThatIsNoLongerValidMakesTheEntryBroken() throws Exception {
    store.save(null, ServiceRecord.initial(Target.of("c1", 1, resource("alpha", "a"))));
    client.setData().forPath("/drover/scheduler/services/alpha/spec",
        "{\"specHash\":\"c1\",\"generation\":1,\"resource\":\"{\\\"apiVersion\\\":\\\"drover.io/v1\\\",\\\"kind\\\":\\\"Service\\\",\\\"metadata\\\":{\\\"name\\\":\\\"alpha\\\"},\\\"spec\\\":{\\\"pods\\\":{\\\"p\\\":{\\\"tasks\\\":{\\\"t\\\":{\\\"cmd\\\":\\\"x\\\",\\\"cpus\\\":-1,\\\"memory\\\":32}}}}}}\"}"
            .getBytes(StandardCharsets.UTF_8));
    assertThat(store.recover().broken().get("alpha")).contains("spec.pods.p.tasks.t.cpus");
  }

  @Test
  void removeDeletesTheWholeEntryAndCreatingItTwiceFails() throws Exception {
    ServiceRecord r = ServiceRecord.initial(Target.of("c1", 1, resource("web", "x"))).withTask(task("web", 0, null))
        .uninstallingFrom(Instant.parse("2025-01-01T00:00:00Z"));
    store.save(null, r);
    assertThatThrownBy(() -> store.save(null, r)).isInstanceOf(KeeperException.NodeExistsException.class);
    store.remove("web");
    assertThat(client.checkExists().forPath(store.path("web"))).isNull();
    assertThat(store.recover().services()).isEmpty();
    store.remove("web");
    assertThat(store.path("x")).isEqualTo("/drover/scheduler/services/x");
  }

  @Test
  void thousandsOfTaskChangesAndRemovalGoInBatchesThatFitAZooKeeperRequest() throws Exception {
    ServiceRecord empty = ServiceRecord.initial(Target.of("c1", 1, resource("web", "x")));
    store.save(null, empty);
    ServiceRecord full = withTasks(empty, "web", 3_000);
    int before = flaky.commits;
    store.save(empty, full);
    assertThat(flaky.commits - before).isGreaterThan(1);
    assertThat(store.recover().services()).containsExactly(full);

    store.save(full, empty);
    assertThat(store.recover().services()).containsExactly(empty);
    store.save(empty, full);
    store.remove("web");
    assertThat(client.checkExists().forPath(store.path("web"))).isNull();
  }

  @Test
  void aSaveThatFailedPartWayIsCompletedByTheNextSave() throws Exception {
    ServiceRecord empty = ServiceRecord.initial(Target.of("c1", 1, resource("web", "x")));
    store.save(null, empty);
    ServiceRecord full = withTasks(empty, "web", 3_000).withDeployed("c1");
    flaky.failCommit(2, false);
    assertThatThrownBy(() -> store.save(empty, full)).isInstanceOf(KeeperException.ConnectionLossException.class);
    assertThat(client.getChildren().forPath(store.path("web") + "/tasks")).isNotEmpty();

    store.save(empty, full); // the caller still holds the record it had before the failed save

    assertThat(store.recover().services()).containsExactly(full);
    ServiceRecord fewer = full.withoutTask("hello-0-server");
    store.save(full, fewer);
    assertThat(store.recover().services()).containsExactly(fewer);
  }

  @Test
  void aCreationWhoseOutcomeWasUnknownIsRetriedWithoutNodeExists() throws Exception {
    ServiceRecord record = withTasks(ServiceRecord.initial(Target.of("c1", 1, resource("web", "x"))), "web", 2);
    flaky.failCommit(1, true);
    assertThatThrownBy(() -> store.save(null, record)).isInstanceOf(KeeperException.ConnectionLossException.class);

    store.save(null, record);

    assertThat(store.recover().services()).containsExactly(record);
  }

  @Test
  void aServiceAsLargeAsValidationAllowsFitsItsSpecNode() throws Exception {
    StringBuilder yaml = new StringBuilder("apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: wide}\nspec:\n pods:\n");
    for (int i = 0; i < 2_400; i++) {
      yaml.append("  p").append(i).append(": {tasks: {t: {cmd: x, cpus: 1, memory: 9}}}\n");
    }
    ServiceResource wide = Services.load("wide", yaml.toString().getBytes(StandardCharsets.UTF_8)).get(0).resource();
    assertThat(Services.canonicalJson(wide).length()).isGreaterThan(640 * 1024);
    ServiceRecord record = ServiceRecord.initial(Target.of(Services.specHash(wide), 1, wide));

    store.save(null, record);

    assertThat(client.getData().forPath(store.path("wide") + "/spec").length).isLessThan(800 * 1024);
    ServiceStore.Recovered recovered = store.recover();
    assertThat(recovered.broken()).isEmpty();
    assertThat(recovered.services().size() == 1 && recovered.services().get(0).equals(record)).isTrue();
  }
}

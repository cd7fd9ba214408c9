package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkSettings;
import io.drover.local.LocalCluster;
import io.drover.local.Profile;
import io.drover.local.TestZooKeeper;
import io.drover.mesoslocal.ClusterState;
import io.drover.mesoslocal.MesosLocal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole Drover installation for tests, per test method: a {@link LocalCluster} with the test
 * {@link Profile} (production wiring, test-sized timings) on a real ZooKeeper of its own, mesos-local
 * running tasks as real processes, and controller replicas in this JVM. Users' writes go through
 * the store library, as the CLI's do; the waits and task views here are the tests' own.
 *
 * <pre>{@code
 * @RegisterExtension final DroverCluster drover = DroverCluster.builder().replicas(2).build();
 * }</pre>
 */
final class DroverCluster implements BeforeEachCallback, AfterEachCallback {
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Set<String> LIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE");

  private final int agents;
  private final int replicas;
  private TestingServer zk;
  private LocalCluster cluster;

  private DroverCluster(Builder b) {
    this.agents = b.agents;
    this.replicas = b.replicas;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link DroverCluster}. */
  static final class Builder {
    private int agents = 2;
    private int replicas = 1;

    Builder agents(int n) {
      agents = n;
      return this;
    }

    Builder replicas(int n) {
      replicas = n;
      return this;
    }

    DroverCluster build() {
      return new DroverCluster(this);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    zk = TestZooKeeper.start();
    cluster = LocalCluster.builder().profile(Profile.TEST).zooKeeper(zk.getConnectString())
        .workDir(Files.createTempDirectory("drover-e2e")).agents(agents).replicas(replicas).start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      cluster.close();
    } finally {
      zk.close();
    }
  }

  static StorePaths paths() {
    return new StorePaths(ZkSettings.DEFAULT_ROOT);
  }

  /** A replica's configuration, with test-sized timings. */
  ControllerConfig config(String id) {
    return cluster.config(id);
  }

  /** The production runtime with test-sized timings; teardowns force-complete after {@code uninstallTimeout}. */
  SchedulerRuntimeFactory runtimes(Duration uninstallTimeout) {
    return cluster.runtimes(uninstallTimeout);
  }

  List<Controller> replicas() {
    return cluster.replicas();
  }

  /** Shuts a replica down gracefully (it hands leadership over). */
  void stop(Controller c) {
    cluster.stop(c);
  }

  /** The replica that leads with its scheduler running; waits for one. */
  Controller leader() {
    return await().atMost(WAIT).until(cluster::leader, Optional::isPresent).get();
  }

  String zkConnectString() {
    return cluster.zkConnectString();
  }

  MesosLocal mesos() {
    return cluster.mesos();
  }

  /** The work directory; mesos-local's sandboxes (each task's stdout and stderr) are below it. */
  Path workDir() {
    return cluster.workDir();
  }

  CuratorFramework user() {
    return cluster.user();
  }

  /** Creates or replaces a document, as {@code drover apply} would; returns its generation. */
  long apply(String name, String yaml) throws Exception {
    DesiredStore desired = cluster.desired();
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    Optional<Long> generation = desired.read(name).map(d -> d.generation());
    return generation.isEmpty() ? desired.create(name, bytes) : desired.update(name, bytes, generation.get());
  }

  void delete(String name) throws Exception {
    cluster.desired().delete(name, cluster.desired().read(name).orElseThrow().generation());
  }

  Optional<ServiceStatus> status(String name) throws Exception {
    return cluster.statuses().read(name).map(StatusDocument::status);
  }

  /** Waits until the service's status satisfies the condition; returns it. */
  ServiceStatus awaitStatus(String name, Predicate<ServiceStatus> condition) {
    return await().atMost(WAIT).until(() -> status(name), s -> s.isPresent() && condition.test(s.get())).get();
  }

  /** Waits until the service has no status node. */
  void awaitNoStatus(String name) {
    await().atMost(WAIT).until(() -> status(name).isEmpty());
  }

  /** Live (non-terminal) tasks of one service on mesos-local, by task id, with their state. */
  Map<String, String> liveTasks(String service) {
    Map<String, String> out = new TreeMap<>();
    for (ClusterState.Task t : cluster.mesos().state().tasks()) {
      if (t.id().startsWith(service + "__") && LIVE.contains(t.state())) {
        out.put(t.id(), t.state());
      }
    }
    return out;
  }

  /** Every task of one service that mesos-local ever ran and still tracks, by id, with its state. */
  Map<String, String> allTasks(String service) {
    Map<String, String> out = new TreeMap<>();
    for (ClusterState.Task t : cluster.mesos().state().tasks()) {
      if (t.id().startsWith(service + "__")) {
        out.put(t.id(), t.state());
      }
    }
    return out;
  }

  static void assertRunning(Map<String, String> tasks, int count) {
    assertThat(tasks).hasSize(count);
    assertThat(tasks.values()).containsOnly("TASK_RUNNING");
  }
}

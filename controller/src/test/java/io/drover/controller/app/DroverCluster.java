package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.ServiceStatus;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.reconcile.WorkQueueConfig;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.ClusterState;
import io.drover.mesoslocal.MesosLocal;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import io.drover.reconcile.state.Backoff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole Drover installation for tests, per test method: a real ZooKeeper, a mesos-local cluster
 * running tasks as real processes, and controller replicas running in this JVM with the production
 * wiring (only timings are test-sized). Users' writes go through the store library, as the CLI's do.
 *
 * <pre>{@code
 * @RegisterExtension final DroverCluster drover = DroverCluster.builder().replicas(2).build();
 * }</pre>
 */
final class DroverCluster implements BeforeEachCallback, AfterEachCallback {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String FRAMEWORK = "drover-test";
  private static final Set<String> LIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE");

  private final int agents;
  private final int replicas;
  private final Duration sessionTimeout;
  private TestingServer zk;
  private MesosLocal mesos;
  private Path workDir;
  private CuratorFramework user;
  private DesiredStore desired;
  private StatusStore statuses;
  private final List<Controller> controllers = new ArrayList<>();
  private int started;

  private DroverCluster(Builder b) {
    this.agents = b.agents;
    this.replicas = b.replicas;
    this.sessionTimeout = b.sessionTimeout;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link DroverCluster}. */
  static final class Builder {
    private int agents = 2;
    private int replicas = 1;
    private Duration sessionTimeout = Duration.ofSeconds(4);

    Builder agents(int n) {
      agents = n;
      return this;
    }

    Builder replicas(int n) {
      replicas = n;
      return this;
    }

    Builder sessionTimeout(Duration d) {
      sessionTimeout = d;
      return this;
    }

    DroverCluster build() {
      return new DroverCluster(this);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    zk = new TestingServer(true);
    workDir = Files.createTempDirectory("drover-e2e");
    mesos = MesosLocal.builder()
        .agents(agents)
        .agentResources("cpus:2;mem:2048;disk:4096;ports:[31000-31100]")
        .heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
        .workDir(workDir)
        .start();
    user = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    user.start();
    desired = DesiredStore.create(user, paths());
    statuses = StatusStore.create(user, paths());
    for (int i = 0; i < replicas; i++) {
      startReplica();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (int i = controllers.size() - 1; i >= 0; i--) {
      controllers.get(i).close();
    }
    controllers.clear();
    user.close();
    mesos.close();
    zk.close();
  }

  static StorePaths paths() {
    return new StorePaths("/drover");
  }

  /** Starts another replica (they are numbered in start order: replica-0, replica-1, ...). */
  Controller startReplica() throws Exception {
    Controller c = Controller.start(config("replica-" + started++), runtimes(Duration.ofMinutes(10)));
    controllers.add(c);
    return c;
  }

  /** A replica's configuration, with test-sized timings. */
  ControllerConfig config(String id) {
    ZkSettings settings = ZkSettings.of(zk.getConnectString()).withSessionTimeout(sessionTimeout)
        .withConnectionTimeout(Duration.ofSeconds(3));
    return ControllerConfig.of(settings, id, 0, "127.0.0.1")
        .withHttpHost("127.0.0.1")
        .withStatusDebounce(Duration.ofMillis(100))
        .withQueue(WorkQueueConfig.defaults().withResyncPeriod(Duration.ofSeconds(30)));
  }

  /** The production runtime with test-sized timings; teardowns force-complete after {@code uninstallTimeout}. */
  SchedulerRuntimeFactory runtimes(Duration uninstallTimeout) {
    SchedulerSettings scheduler = SchedulerSettings.defaults("drover")
        .withReconciler(ServiceSchedulerSettings.defaults("drover")
            .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(3))
            .withKillRetry(Duration.ofSeconds(3))
            .withUninstallTimeout(uninstallTimeout))
        .withTick(Duration.ofMillis(100))
        .withDeclines(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .withReviveInterval(Duration.ofMillis(300));
    return SchedulerRuntimeFactory.mesos(mesos.url(), FrameworkConfig.named(FRAMEWORK).withPrincipal("drover", null),
        scheduler, "/drover",
        b -> b.implicitReconciliationInterval(Duration.ofSeconds(5))
            .requestTimeout(Duration.ofSeconds(5))
            .reconnectBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .reconciliationBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1))));
  }

  List<Controller> replicas() {
    return List.copyOf(controllers);
  }

  /** Forgets a replica the test stopped itself. */
  void forget(Controller c) {
    controllers.remove(c);
  }

  /** The replica that leads with its scheduler running; waits for one. */
  Controller leader() {
    return await().atMost(WAIT).until(() -> controllers.stream().filter(Controller::leading).findFirst(), Optional::isPresent).get();
  }

  String zkConnectString() {
    return zk.getConnectString();
  }

  MesosLocal mesos() {
    return mesos;
  }

  /** Where mesos-local keeps its sandboxes (each task's stdout and stderr). */
  Path workDir() {
    return workDir;
  }

  CuratorFramework user() {
    return user;
  }

  /** Creates or replaces a document, as {@code drover apply} would; returns its generation. */
  long apply(String name, String yaml) throws Exception {
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    Optional<Long> generation = desired.read(name).map(d -> d.generation());
    return generation.isEmpty() ? desired.create(name, bytes) : desired.update(name, bytes, generation.get());
  }

  void delete(String name) throws Exception {
    desired.delete(name, desired.read(name).orElseThrow().generation());
  }

  Optional<ServiceStatus> status(String name) throws Exception {
    return statuses.read(name).map(StatusDocument::status);
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
    for (ClusterState.Task t : mesos.state().tasks()) {
      if (t.id().startsWith(service + "__") && LIVE.contains(t.state())) {
        out.put(t.id(), t.state());
      }
    }
    return out;
  }

  /** Every task of one service that mesos-local ever ran and still tracks, by id, with its state. */
  Map<String, String> allTasks(String service) {
    Map<String, String> out = new TreeMap<>();
    for (ClusterState.Task t : mesos.state().tasks()) {
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

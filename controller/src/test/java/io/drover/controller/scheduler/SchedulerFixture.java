package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.MesosSchedulerClient;
import io.drover.controller.mesos.SchedulerCalls;
import io.drover.controller.mesos.SchedulerEventListener;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.ServiceStore;
import io.drover.controller.store.ZkFrameworkIdStore;
import io.drover.controller.time.Timers;
import io.drover.mesoslocal.ClusterState;
import io.drover.mesoslocal.MesosLocal;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import io.drover.reconcile.state.Backoff;
import io.drover.reconcile.state.Target;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper, a mesos-local cluster running real processes, and a scheduler (runner + Mesos
 * client) that can be stopped and started again against the same ZooKeeper and framework id, as a
 * controller restart would. Timings are test-sized. Everything is closed in reverse order.
 */
final class SchedulerFixture implements AutoCloseable {
  static final String ROLE = "drover-test";
  static final String PRINCIPAL = "drover";
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Set<String> LIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE");

  final TestingServer zk;
  final CuratorFramework curator;
  MesosLocal mesos;
  final List<String> uninstalled = new CopyOnWriteArrayList<>();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Duration uninstallTimeout;
  private final int agents;
  private Scheduler scheduler;

  /** One scheduler process: its runner, its Mesos client, the client's meters and the runner's timer thread. */
  record Scheduler(MultiServiceRunner runner, MesosSchedulerClient client, MeterRegistry meters,
      ScheduledExecutorService timer) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
      runner.close();
      timer.shutdownNow();
    }
  }

  SchedulerFixture(int agents, Duration uninstallTimeout) throws Exception {
    this.uninstallTimeout = uninstallTimeout;
    zk = new TestingServer(true);
    curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    curator.start();
    this.agents = agents;
    mesos = newCluster();
  }

  private MesosLocal newCluster() throws Exception {
    return MesosLocal.builder()
        .agents(agents)
        .agentResources("cpus:2;mem:2048;disk:4096;ports:[31000-31100]")
        .heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
        .start();
  }

  /**
   * Replaces the whole Mesos cluster by a fresh one (new work dir, so new agent ids; its master
   * knows no task), as restarting {@code drover local} does. Only while no scheduler runs.
   */
  void replaceCluster() throws Exception {
    assertThat(scheduler).as("stop the scheduler first").isNull();
    mesos.close();
    mesos = newCluster();
  }

  SchedulerFixture(int agents) throws Exception {
    this(agents, Duration.ofMinutes(10));
  }

  /** Starts a scheduler process: recovery, then subscription. */
  Scheduler start() throws Exception {
    return start(UnaryOperator.identity());
  }

  /** Starts a scheduler process whose calls to Mesos go through {@code calls} (fault injection). */
  Scheduler start(UnaryOperator<SchedulerCalls> calls) throws Exception {
    return start(calls, UnaryOperator.identity());
  }

  /**
   * Starts a scheduler process whose calls go through {@code calls} and whose events from Mesos
   * reach the runner through {@code events} (fault injection on either side).
   */
  Scheduler start(UnaryOperator<SchedulerCalls> calls, UnaryOperator<SchedulerEventListener> events) throws Exception {
    assertThat(scheduler).as("a scheduler is already running").isNull();
    SchedulerSettings settings = SchedulerSettings.defaults(PRINCIPAL)
        .withPerService(ServiceSchedulerSettings.defaults(PRINCIPAL)
            .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(3))
            .withKillRetry(Duration.ofSeconds(3))
            .withUninstallTimeout(uninstallTimeout))
        .withTick(Duration.ofMillis(100))
        .withDeclines(Duration.ofSeconds(1), Duration.ofSeconds(5))
        .withReviveInterval(Duration.ofMillis(300))
        .withSweep(Duration.ofSeconds(2))
        .withLaunchCheck(Duration.ofSeconds(5));
    MeterRegistry meters = new SimpleMeterRegistry();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    MultiServiceRunner runner = MultiServiceRunner.builder(ServiceStore.create(ControllerWrites.unfenced(curator), "/drover"),
        Timers.system(timer)).settings(settings).build();
    runner.addListener(new ObservedServiceListener() {
      @Override
      public void uninstalled(String name) {
        SchedulerFixture.this.uninstalled.add(name);
      }
    });
    MesosSchedulerClient client = MesosSchedulerClient.builder()
        .master(mesos.url())
        .framework(FrameworkConfig.named(ROLE).withPrincipal(PRINCIPAL, null))
        .frameworkIdStore(new ZkFrameworkIdStore(ControllerWrites.unfenced(curator), "/drover"))
        .knownTasks(runner)
        .meterRegistry(meters)
        .implicitReconciliationInterval(Duration.ofSeconds(1))
        .requestTimeout(Duration.ofSeconds(5))
        .reconnectBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
        .reconciliationBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)))
        .build(events.apply(runner));
    runner.start(calls.apply(client.calls()));
    client.start();
    scheduler = new Scheduler(runner, client, meters, timer);
    return scheduler;
  }

  /** Stops the scheduler process as a crash would leave it: Mesos keeps the framework and tasks. */
  void stop() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
  }

  MultiServiceRunner runner() {
    return scheduler.runner();
  }

  static ServiceResource service(String yaml) {
    List<LoadedDocument> docs = Services.load("test", yaml.getBytes(StandardCharsets.UTF_8));
    assertThat(docs).singleElement().satisfies(d -> assertThat(d.problems()).isEmpty());
    return docs.get(0).resource();
  }

  void put(ServiceResource r, long generation) throws Exception {
    runner().putService(target(r, generation)).get(30, TimeUnit.SECONDS);
  }

  /** What the desired cache hands the scheduler for {@code r}: the defaulted document and its spec hash. */
  static Target target(ServiceResource r, long generation) {
    ServiceResource defaulted = Services.withDefaults(r);
    return Target.of(Services.specHash(defaulted), generation, defaulted);
  }

  /** This framework's tasks on mesos-local, by id. */
  Map<String, ClusterState.Task> tasks() {
    String fw = frameworkId();
    Map<String, ClusterState.Task> out = new TreeMap<>();
    for (ClusterState.Task t : mesos.state().tasks()) {
      if (t.frameworkId().equals(fw)) {
        out.put(t.id(), t);
      }
    }
    return out;
  }

  /**
   * Every task this framework ever had on mesos-local, live or completed, with its latest state,
   * as the master's own {@code GET /state} lists them.
   */
  Map<String, String> everyTask() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mesos.url() + "/state")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, String> out = new TreeMap<>();
    for (JsonNode fw : JSON.readTree(r.body()).path("frameworks")) {
      if (fw.path("id").asText().equals(frameworkId())) {
        for (String list : List.of("tasks", "completed_tasks")) {
          fw.path(list).forEach(t -> out.put(t.path("id").asText(), t.path("state").asText()));
        }
      }
    }
    return out;
  }

  /** Live (non-terminal) tasks of one service, as {@code <pod>-<index>-<task>} -> task ids. */
  Map<String, List<String>> live(String service) {
    Map<String, List<String>> out = new TreeMap<>();
    for (ClusterState.Task t : tasks().values()) {
      String[] parts = t.id().split("__");
      if (parts[0].equals(service) && LIVE.contains(t.state())) {
        out.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(t.id());
      }
    }
    return out;
  }

  /** Live tasks of a service that run, one id per task name; fails on a duplicate. */
  Map<String, String> running(String service) {
    Map<String, String> out = new TreeMap<>();
    live(service).forEach((name, ids) -> {
      assertThat(ids).as("live tasks named %s", name).hasSize(1);
      ClusterState.Task t = tasks().get(ids.get(0));
      if (t != null && t.state().equals("TASK_RUNNING")) {
        out.put(name, ids.get(0));
      }
    });
    return out;
  }

  /** The framework id the scheduler stored in ZooKeeper at its first subscription. */
  String frameworkId() {
    try {
      return new String(curator.getData().forPath("/drover/scheduler/framework-id"), StandardCharsets.UTF_8);
    } catch (Exception e) {
      return "";
    }
  }

  /** Calls of one type the current scheduler's client made, whatever their outcome. */
  double calls(String type) {
    return scheduler.meters().find("drover.mesos.calls").tag("type", type).counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  /** Persistent volumes of this framework's role on all agents. */
  long volumes() {
    String marker = "disk(" + ROLE + ")[";
    return mesos.state().agents().stream()
        .mapToLong(a -> a.resources().split(java.util.regex.Pattern.quote(marker), -1).length - 1).sum();
  }

  /** Reservations of this framework's role, as the agents' resource texts show them. */
  List<String> reservations() {
    List<String> out = new ArrayList<>();
    for (ClusterState.Agent a : mesos.state().agents()) {
      for (String part : a.resources().split("; ")) {
        if (part.contains("(" + ROLE + ")")) {
          out.add(a.hostname() + " " + part);
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    stop();
    mesos.close();
    curator.close();
    zk.close();
  }
}

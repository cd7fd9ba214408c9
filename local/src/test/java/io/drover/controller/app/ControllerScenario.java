package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.SecretStore;
import io.drover.controller.store.StatusDocument;
import io.drover.local.LocalCluster;
import io.drover.local.TestZooKeeper;
import io.drover.reconcile.service.ObservedService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The controller end to end on a Mesos master, the same scenario on real Mesos and on mesos-local:
 * a task group pod with a persistent volume, health and readiness checks and a non-essential
 * sidecar goes through apply, Ready, a sidecar failure, scale, pod replace, update, a leader
 * failover without relaunch and delete, after which the master shows no task and no reservation of
 * it; then every sample becomes Ready. Two controller replicas, test-sized timings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ControllerScenario {
  static final Duration WAIT = Duration.ofSeconds(90);
  private static final String SERVICE = "shop";

  private TestingServer zk;
  private LocalCluster cluster;
  private MasterView master;

  /** Starts the cluster on the master this class is about, on {@code zk}, two replicas. */
  abstract LocalCluster start(String zk, Path workDir) throws Exception;

  /** Stops what {@link #start} started besides the cluster. */
  abstract void stopMaster();

  @BeforeAll
  void startAll() throws Exception {
    zk = TestZooKeeper.start();
    cluster = start(zk.getConnectString(), Files.createTempDirectory("drover-scenario"));
    master = new MasterView(cluster.masterUrl());
  }

  @AfterAll
  void stopAll() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      try {
        stopMaster();
      } finally {
        zk.close();
      }
    }
  }

  /**
   * The server counts its launches in its volume; its readiness check passes once the count
   * reaches {@code EXPECT}, so a relaunch with {@code expect} 2 gets Ready only on a volume that kept
   * the first launch's count. The sidecar fails once (its marker is in the executor's sandbox,
   * which the group shares) and then runs.
   */
  static String shop(int count, int expect) {
    return """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: shop}
        spec:
          pods:
            app:
              count: %d
              executor: default
              tasks:
                server:
                  cmd: 'echo $(( $(cat data/n 2>/dev/null || echo 0) + 1 )) > data/n; exec sleep 3000'
                  cpus: 0.1
                  memory: 32
                  env: {EXPECT: "%d"}
                  volume: {path: data, sizeMiB: 8}
                  healthCheck: {cmd: 'test -s data/n', intervalSeconds: 1, gracePeriodSeconds: 10}
                  readinessCheck: {cmd: 'test "$(cat data/n)" -ge "$EXPECT"', intervalSeconds: 1}
                  killGracePeriodSeconds: 1
                sidecar:
                  essential: false
                  cmd: 'if [ -e ../../failed-once ]; then exec sleep 3000; fi; touch ../../failed-once; sleep 1; exit 1'
                  cpus: 0.1
                  memory: 32
                  killGracePeriodSeconds: 1
        """.formatted(count, expect);
  }

  @Test
  @Order(1)
  void aTaskGroupServiceFromApplyToDelete() throws Exception {
    long g0 = apply(SERVICE, shop(1, 1));
    awaitReady(SERVICE, g0);
    String server = await().atMost(WAIT).until(() -> master.liveTasks(SERVICE).get("app-0-server"),
        t -> t != null && t.state().equals("TASK_RUNNING")).id();

    // The sidecar is not essential: it fails, is relaunched alone into the same executor, and the
    // server runs on untouched.
    Map<String, MasterView.Task> afterSidecar = awaitSidecarsRelaunched(1);
    assertThat(afterSidecar.get("app-0-server").id()).isEqualTo(server);
    ServiceStatus ready = awaitReady(SERVICE, g0);
    assertThat(ready.tasks()).filteredOn(t -> t.name().equals("app-0-server"))
        .singleElement().satisfies(t -> {
          assertThat(t.healthy()).isTrue();
          assertThat(t.ready()).isTrue();
        });

    // Scale to two instances.
    long g1 = apply(SERVICE, shop(2, 1));
    awaitReady(SERVICE, g1);
    awaitSidecarsRelaunched(2);

    // Replace app-1: new reservations, a new (empty) volume, Ready again.
    String replaced = master.liveTasks(SERVICE).get("app-1-server").id();
    HttpResponse<String> replace = post(leader(), "/v1/services/shop/pods/app-1/replace");
    assertThat(replace.statusCode()).as(replace.body()).isEqualTo(202);
    await().atMost(WAIT).until(() -> Optional.ofNullable(master.liveTasks(SERVICE).get("app-1-server"))
        .map(t -> !t.id().equals(replaced) && t.state().equals("TASK_RUNNING")).orElse(false));
    awaitReady(SERVICE, g1);
    awaitSidecarsRelaunched(2);

    // Update: every server relaunches on its own volume, which kept its count (Ready needs 2).
    long g2 = apply(SERVICE, shop(2, 2));
    awaitReady(SERVICE, g2);
    awaitSidecarsRelaunched(2);

    // Leader failover: the other replica takes over the framework and relaunches nothing.
    Map<String, MasterView.Task> before = master.liveTasks(SERVICE);
    Controller old = leader();
    cluster.stop(old);
    Controller next = cluster.awaitLeader(WAIT);
    assertThat(next).isNotSameAs(old);
    await().atMost(WAIT).until(() -> Optional.ofNullable(next.runtime().orElseThrow().manager().services().get(SERVICE))
        .map(s -> s.lifecycle() == ObservedService.Lifecycle.RUNNING).orElse(false));
    assertThat(master.liveTasks(SERVICE)).isEqualTo(before);

    // Delete: nothing of it is left on the master.
    delete(SERVICE);
    await().atMost(WAIT).until(() -> status(SERVICE).isEmpty());
    assertThat(master.liveTasks(SERVICE)).isEmpty();
    awaitNoReservations(SERVICE);
  }

  @Test
  @Order(2)
  void everySampleBecomesReady() throws Exception {
    List<String> names = new ArrayList<>();
    List<Long> generations = new ArrayList<>();
    // What the shipping samples' comments tell a user to prepare: the site's tarball and the token.
    Path tarball = Files.createTempDirectory("drover-samples").resolve("site.tar.gz");
    Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", Path.of("..", "samples", "site").toString(), ".")
        .inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    SecretStore.create(cluster.user(), cluster.paths()).put("sample-token", "t0ken".getBytes(StandardCharsets.UTF_8), false);
    try (Stream<Path> files = Files.list(Path.of("..", "samples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String name = file.getFileName().toString().replace(".yaml", "");
        names.add(name);
        generations.add(apply(name, Files.readString(file).replace("file:///tmp/drover-sample-site.tar.gz", "file://" + tarball)));
      }
    }
    assertThat(names).contains("sidecar", "web", "static-site", "secret-consumer");
    for (int i = 0; i < names.size(); i++) {
      awaitReady(names.get(i), generations.get(i));
    }
    for (String name : names) {
      delete(name);
    }
    for (String name : names) {
      await().atMost(WAIT).until(() -> status(name).isEmpty());
      assertThat(master.liveTasks(name)).as(name).isEmpty();
      awaitNoReservations(name);
    }
  }

  /**
   * Waits until each of the {@code instances} servers runs with a sidecar that failed once on the
   * server's executor and runs again there; returns the live tasks.
   */
  private Map<String, MasterView.Task> awaitSidecarsRelaunched(int instances) throws Exception {
    await().atMost(WAIT).until(() -> sidecarsRelaunched(instances));
    return master.liveTasks(SERVICE);
  }

  private boolean sidecarsRelaunched(int instances) throws Exception {
    Map<String, MasterView.Task> live = master.liveTasks(SERVICE);
    if (live.size() != 2 * instances || !live.values().stream().allMatch(t -> t.state().equals("TASK_RUNNING"))) {
      return false;
    }
    List<MasterView.Task> ended = master.endedTasks(SERVICE);
    for (int i = 0; i < instances; i++) {
      String executor = live.get("app-" + i + "-server").executorId();
      String sidecar = "app-" + i + "-sidecar";
      boolean failedThere = ended.stream().anyMatch(t -> t.name().equals(sidecar) && t.state().equals("TASK_FAILED")
          && t.executorId().equals(executor));
      if (executor.isEmpty() || !failedThere || !live.get(sidecar).executorId().equals(executor)) {
        return false;
      }
    }
    return true;
  }

  /** The teardown's last ACCEPT (DESTROY, UNRESERVE) may still be on its way when the status goes. */
  private void awaitNoReservations(String service) {
    await().atMost(Duration.ofSeconds(10)).until(() -> master.reservations(service), List::isEmpty);
  }

  private Controller leader() throws Exception {
    return cluster.awaitLeader(WAIT);
  }

  private long apply(String name, String yaml) throws Exception {
    DesiredStore desired = cluster.desired();
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    Optional<Long> generation = desired.read(name).map(d -> d.generation());
    return generation.isEmpty() ? desired.create(name, bytes) : desired.update(name, bytes, generation.get());
  }

  private void delete(String name) throws Exception {
    cluster.desired().delete(name, cluster.desired().read(name).orElseThrow().generation());
  }

  private Optional<ServiceStatus> status(String name) throws Exception {
    return cluster.statuses().read(name).map(StatusDocument::status);
  }

  private ServiceStatus awaitReady(String name, long generation) {
    return await().atMost(WAIT).until(() -> status(name), s -> s.isPresent() && ready(s.get(), generation)).get();
  }

  private static boolean ready(ServiceStatus s, long generation) {
    Condition ready = s.condition(Condition.READY);
    return s.observedGeneration() == generation && ready != null && ready.isTrue();
  }

  private static HttpResponse<String> post(Controller c, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + c.self().httpAddress() + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}

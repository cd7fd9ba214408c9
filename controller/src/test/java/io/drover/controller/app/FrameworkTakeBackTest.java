package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.controller.ha.ZkFixture;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.MesosSchedulerClient;
import io.drover.controller.mesos.SchedulerEventListener;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkFrameworkIdStore;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.MesosLocal;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import io.drover.reconcile.state.Backoff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite's "deposed leader's client takes the framework back" on mesos-local and a real
 * ZooKeeper: another scheduler SUBSCRIBEs with the stored framework id while the leader still holds
 * its term; Mesos fails the leader's subscription over, and the leader takes the framework back and
 * keeps reconciling.
 */
class FrameworkTakeBackTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final FrameworkConfig FRAMEWORK = FrameworkConfig.named("drover-takeback");
  private static final StorePaths PATHS = new StorePaths(ZkSettings.DEFAULT_ROOT);

  @TempDir
  Path dir;

  private ZkFixture zk;
  private MesosLocal mesos;
  private Controller controller;
  private MesosSchedulerClient intruder;

  @AfterEach
  void stop() throws Exception {
    if (intruder != null) {
      intruder.close();
    }
    if (controller != null) {
      controller.close();
    }
    if (mesos != null) {
      mesos.close();
    }
    if (zk != null) {
      zk.close();
    }
  }

  @Test
  void aLeaderWhoseSubscriptionIsFailedOverTakesTheFrameworkBackAndKeepsActing() throws Exception {
    zk = new ZkFixture();
    mesos = MesosLocal.builder().agents(1)
        .agentResources("cpus:2;mem:2048;disk:4096;ports:[31000-31100]")
        .heartbeatInterval(Duration.ofMillis(500))
        .allocationInterval(Duration.ofMillis(100))
        .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1))
        .workDir(Files.createDirectories(dir.resolve("mesos")))
        .start();
    ControllerConfig config = ControllerConfig.of(
            ZkSettings.of(zk.server.getConnectString()).withSessionTimeout(Duration.ofSeconds(4)), "replica-0", 0,
            "127.0.0.1")
        .withHttpHost("127.0.0.1");
    controller = Controller.start(config, runtimes());
    CuratorFramework user = zk.client(Duration.ofSeconds(10));
    DesiredStore desired = DesiredStore.create(user, PATHS);
    StatusStore statuses = StatusStore.create(user, PATHS);
    desired.create("web", service("web"));
    await().atMost(WAIT).until(() -> ready(statuses, "web"));
    SchedulerRuntime failed = controller.runtime().orElseThrow();

    List<String> intruderFailovers = new CopyOnWriteArrayList<>();
    List<FrameworkID> intruderSubscriptions = new CopyOnWriteArrayList<>();
    intruder = MesosSchedulerClient.builder()
        .master(mesos.url())
        .framework(FRAMEWORK)
        .frameworkIdStore(new ZkFrameworkIdStore(ControllerWrites.unfenced(user), PATHS.root()))
        .build(new SchedulerEventListener() {
          @Override
          public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
            intruderSubscriptions.add(frameworkId);
          }

          @Override
          public void failedOver(String message) {
            intruderFailovers.add(message);
          }
        });
    intruder.start();

    await().atMost(WAIT).until(() -> failed.failedOver().toCompletableFuture().isDone());
    await().atMost(WAIT).until(() -> controller.runtime().filter(r -> r != failed && r.subscribed()).isPresent());
    await().atMost(WAIT).until(() -> intruderFailovers.size() == 1);
    assertThat(intruderSubscriptions).hasSize(1);
    assertThat(controller.leading()).isTrue();

    desired.create("api", service("api"));
    await().atMost(WAIT).until(() -> ready(statuses, "api"));
    assertThat(ready(statuses, "web")).isTrue();
  }

  private SchedulerRuntimeFactory runtimes() {
    SchedulerSettings scheduler = SchedulerSettings.defaults("drover")
        .withPerService(ServiceSchedulerSettings.defaults("drover")
            .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(3)))
        .withTick(Duration.ofMillis(100))
        .withReviveInterval(Duration.ofMillis(300));
    return SchedulerRuntimeFactory.mesos(mesos.url(), FRAMEWORK, scheduler, PATHS.root(),
        b -> b.requestTimeout(Duration.ofSeconds(5))
            .reconnectBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500))));
  }

  private static byte[] service(String name) {
    return """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: %s}
        spec:
          pods:
            %s:
              tasks:
                server: {cmd: "exec sleep 600", cpus: 0.1, memory: 32}
        """.formatted(name, name).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean ready(StatusStore statuses, String name) throws Exception {
    Condition ready = statuses.read(name).map(StatusDocument::status).map(s -> s.condition(Condition.READY))
        .orElse(null);
    return ready != null && ready.isTrue();
  }
}

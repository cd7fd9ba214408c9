package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.controller.ha.ZkFixture;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.ObservedServiceListener;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.MesosLocal;
import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.state.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new leader publishes its session, and so its recovered services, before its first resync lists
 * every service to reconcile: enqueueing 10,000 of them while the first are reconciled kept the
 * recovered services invisible for up to a second (docs/performance.md, recovery-scale, eighth round).
 * Real ZooKeeper and mesos-local; the term starts once the caches have loaded, so the resync runs on
 * the term's own thread.
 */
class ANewLeaderIsVisibleBeforeItsFirstResyncTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final StorePaths PATHS = new StorePaths(ZkSettings.DEFAULT_ROOT);

  @TempDir
  Path dir;

  private ZkFixture zk;
  private MesosLocal mesos;
  private Controller controller;

  @AfterEach
  void stop() throws Exception {
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
  void theFirstResyncListsTheServicesOnceTheSessionIsPublished() throws Exception {
    zk = new ZkFixture();
    mesos = MesosLocal.builder().agents(1).workDir(Files.createDirectories(dir.resolve("mesos"))).start();
    AtomicReference<Controller> started = new AtomicReference<>();
    // Whether the session was published at each listing of the services on the term's thread.
    List<Boolean> publishedAtListing = new CopyOnWriteArrayList<>();
    SchedulerRuntimeFactory mesosRuntimes = SchedulerRuntimeFactory.mesos(mesos.url(), FrameworkConfig.named("drover-visible"),
        SchedulerSettings.defaults("drover"), PATHS.root());
    SchedulerRuntimeFactory observed = (writes, metrics, caches) -> {
      await().atMost(WAIT).until(() -> started.get() != null && started.get().cachesLoaded().isPresent());
      return listing(mesosRuntimes.start(writes, metrics, caches), () -> {
        if (Thread.currentThread().getName().startsWith("drover-leader-events")) {
          publishedAtListing.add(started.get().runtime().isPresent());
        }
      });
    };
    ControllerConfig config = ControllerConfig.of(ZkSettings.of(zk.server.getConnectString()), "replica-0", 0, "127.0.0.1")
        .withHttpHost("127.0.0.1");
    controller = Controller.start(config, observed);
    started.set(controller);

    await().atMost(WAIT).until(() -> controller.runtime().isPresent() && publishedAtListing.size() >= 2);
    assertThat(publishedAtListing).as("the resync's listing comes after the session is published").contains(true);
  }

  /** The runtime as is, but {@code onListing} runs at each call of its manager's {@code services()}. */
  private static SchedulerRuntime listing(SchedulerRuntime runtime, Runnable onListing) {
    MultiServiceManager manager = runtime.manager();
    MultiServiceManager observedManager = new MultiServiceManager() {
      @Override
      public CompletableFuture<Void> putService(Target target) {
        return manager.putService(target);
      }

      @Override
      public CompletableFuture<Void> uninstallService(String name) {
        return manager.uninstallService(name);
      }

      @Override
      public Map<String, ObservedService> services() {
        onListing.run();
        return manager.services();
      }

      @Override
      public ObservedService service(String name) {
        return manager.service(name);
      }

      @Override
      public void addListener(ObservedServiceListener listener) {
        manager.addListener(listener);
      }
    };
    return runtime.withManager(observedManager);
  }
}

package io.drover.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.controller.ha.ZkFixture;
import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.ObservedServiceListener;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.DesiredStore;
import io.drover.controller.store.DesiredView;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusWrites;
import io.drover.controller.store.StoreException;
import io.drover.controller.store.StorePaths;
import io.drover.controller.time.ManualTimers;
import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.state.Target;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A starting leader must never decide that a document is gone from an incomplete view (issue 19):
 * the reconcile of a running service whose document the cache lacks, while ZooKeeper holds it,
 * uninstalls nothing. The document lives in a real ZooKeeper; the cache is replaced by views that
 * are still loading or that miss the document, as a cache that reports initialized late or
 * partially would.
 */
class UninstallNeedsACompleteViewTest {
  private static final StorePaths PATHS = new StorePaths("/drover");
  private static final String DOC = """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: web}
      spec:
        pods:
          web:
            tasks:
              server: {cmd: "sleep 100", cpus: 0.1, memory: 32}
      """;

  private final ManualTimers timers = new ManualTimers();
  private final ExecutorService events = Executors.newSingleThreadExecutor();
  private final RunningScheduler scheduler = new RunningScheduler();
  private ZkFixture zk;
  private CuratorFramework client;
  private ChildrenCache<StatusDocument> statuses;
  private StatusWriter status;

  @BeforeEach
  void start() throws Exception {
    zk = new ZkFixture();
    client = zk.client(Duration.ofSeconds(10));
    client.create().creatingParentsIfNeeded().forPath(PATHS.service("web"), DOC.getBytes(StandardCharsets.UTF_8));
    client.create().creatingParentsIfNeeded().forPath(PATHS.statuses());
    statuses = new ChildrenCache<>(client, PATHS.statuses(),
        (name, node) -> StatusDocument.decode(node.getPath(), name, node.getData(), node.getStat()), events);
    status = new StatusWriter(new StatusWrites(ControllerWrites.unfenced(client), PATHS, statuses), statuses, timers,
        timers.workers(), WorkQueueConfig.defaults().backoff(), name -> null);
  }

  @AfterEach
  void stop() throws Exception {
    status.close();
    statuses.close();
    events.shutdownNow();
    zk.close();
  }

  @Test
  void aCacheThatMissesAPresentDocumentUninstallsNothing() {
    ServiceReconcileHandler handler = handler(view(true, Optional.empty()));

    assertThatThrownBy(() -> handler.handle("web"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ZooKeeper does: not uninstalling");
    assertThat(scheduler.uninstalls).isEmpty();
  }

  @Test
  void nothingIsDecidedWhileTheCacheIsStillLoading() throws Exception {
    client.delete().forPath(PATHS.service("web"));
    ServiceReconcileHandler handler = handler(view(false, Optional.empty()));

    handler.handle("web");

    assertThat(scheduler.uninstalls).isEmpty();
    assertThat(status.latest("web")).isEmpty();
  }

  @Test
  void aReadThatFailsPostponesTheUninstall() throws Exception {
    ServiceReconcileHandler handler = handler(view(true, Optional.empty()));
    zk.server.stop();

    assertThatThrownBy(() -> handler.handle("web")).isInstanceOf(StoreException.class);
    assertThat(scheduler.uninstalls).isEmpty();
  }

  @Test
  void aDocumentZooKeeperConfirmsGoneIsUninstalled() throws Exception {
    client.delete().forPath(PATHS.service("web"));
    ServiceReconcileHandler handler = handler(view(true, Optional.empty()));

    handler.handle("web");

    assertThat(scheduler.uninstalls).containsExactly("web");
  }

  private ServiceReconcileHandler handler(DesiredView view) {
    ObservedServices observed = new ObservedServices(scheduler, name -> { });
    return new ServiceReconcileHandler(view, scheduler, observed, status, timers, new SimpleMeterRegistry(),
        Duration.ofSeconds(5), secret -> Optional.empty());
  }

  /** A cache that is loading ({@code complete} false) or holds only {@code cached}; absences are read from ZooKeeper. */
  private DesiredView view(boolean complete, Optional<DesiredEntry> cached) {
    DesiredStore documents = DesiredStore.create(client, PATHS);
    return new DesiredView() {
      @Override
      public Optional<DesiredEntry> get(String name) {
        return cached;
      }

      @Override
      public boolean complete() {
        return complete;
      }

      @Override
      public boolean existsNow(String name) throws StoreException {
        return documents.read(name).isPresent();
      }
    };
  }

  /** The scheduler's side: it runs {@code web} at the document's spec and records what it is told. */
  private static final class RunningScheduler implements MultiServiceManager {
    final List<String> uninstalls = new CopyOnWriteArrayList<>();
    private final ServiceResource web = Services.load("web", DOC.getBytes(StandardCharsets.UTF_8)).get(0).resource();

    @Override
    public CompletableFuture<Void> putService(Target target) {
      return CompletableFuture.failedFuture(new AssertionError("nothing is put in these cases"));
    }

    @Override
    public CompletableFuture<Void> uninstallService(String name) {
      uninstalls.add(name);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public Map<String, ObservedService> services() {
      return Map.of("web", new ObservedService("web", 0, Services.specHash(web), ObservedService.Lifecycle.RUNNING,
          List.of(), List.of(), null));
    }

    @Override
    public void addListener(ObservedServiceListener listener) { }
  }
}

package io.drover.controller.app;

import io.drover.controller.ha.FencedWrites;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.LeaderTerm;
import io.drover.controller.ha.LeadershipListener;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.metrics.ControllerMetrics;
import io.drover.controller.scheduler.ObservedServiceListener;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.FrameworkStateCleanup;
import io.drover.controller.store.SecretEntry;
import io.drover.controller.store.StoreConnection;
import io.drover.controller.store.StorePaths;
import io.drover.reconcile.service.ObservedService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drover controller --uninstall}: tears the whole framework down, as the DC/OS SDK does when
 * a scheduler is uninstalled. As the elected leader (so it never races a running replica) it
 * recovers the ServiceStore, tears every service down in parallel and waits for all of them with
 * no force-complete timeout (nothing could clean up later), then sends TEARDOWN to Mesos, and
 * finally removes the scheduler's state and the statuses from ZooKeeper. The desired documents
 * stay. Every step is idempotent, so a run stopped half-way is resumed by the next one.
 *
 * <p>Other controller replicas must be stopped first: while one leads, this waits; once this
 * finishes, a replica started later would install the services again from their documents.
 */
public final class FrameworkUninstall implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrameworkUninstall.class);
  private final StoreConnection store;
  private final StorePaths paths;
  private final SchedulerRuntimeFactory runtimes;
  private final LeaderElection election;
  private final ControllerWrites writes;
  private final MeterRegistry metrics = ControllerMetrics.newRegistry();
  private final ExecutorService events = Executors.newSingleThreadExecutor(r -> new Thread(r, "drover-leader-events"));
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "drover-uninstall"));
  private final AtomicReference<SchedulerRuntime> runtime = new AtomicReference<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private FrameworkUninstall(ControllerConfig config, StoreConnection store, SchedulerRuntimeFactory runtimes) {
    this.store = store;
    this.paths = store.paths();
    this.runtimes = runtimes;
    this.election = LeaderElection.create(store, new ReplicaInfo(config.replicaId(), ""), events, Clock.systemUTC());
    this.writes = new FencedWrites(election, metrics);
  }

  /** Connects and joins the election; the teardown runs once this process leads. */
  public static FrameworkUninstall start(ControllerConfig config, SchedulerRuntimeFactory runtimes) throws Exception {
    FrameworkUninstall u = new FrameworkUninstall(config, StoreConnection.open(config.zk()), runtimes);
    u.election.addListener(
        new LeadershipListener() {
          @Override
          public void elected(LeaderTerm term) {
            u.worker.execute(u::runAsLeader);
          }

          @Override
          public void revoked(String reason) {
            u.done.completeExceptionally(new IllegalStateException("lost leadership during the teardown (" + reason
                + "); run the command again to resume"));
            SchedulerRuntime r = u.runtime.getAndSet(null);
            if (r != null) {
              r.close();
            }
          }
        });
    u.election.start();
    LOG.info("waiting to lead before tearing the framework down (stop the other controller replicas)");
    return u;
  }

  /** Waits until everything is torn down; rethrows what stopped it. */
  public void await(Duration timeout) throws Exception {
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("the framework teardown did not finish within " + timeout
          + "; it resumes when the command runs again");
    }
  }

  /** Stops (at any point); a later run resumes where this one stopped. */
  @Override
  public void close() {
    election.close();
    worker.shutdownNow();
    store.close();
    events.shutdownNow();
  }

  /** Runs on the worker thread; a revocation closes the runtime and completes {@code done}. */
  private void runAsLeader() {
    try (ChildrenCache<SecretEntry> secrets = store.secretCache(Runnable::run)) {
      secrets.start();
      tearDown(new SchedulerRuntimeFactory.Caches(name -> secrets.get(name).map(SecretEntry::value), secrets.whenInitialized(),
          name -> Optional.empty(), name -> CompletableFuture.completedFuture(null)));
    } catch (Exception e) {
      LOG.error("the framework teardown stopped: {}", e.getMessage(), e);
      done.completeExceptionally(e);
      return;
    }
    try {
      new FrameworkStateCleanup(writes, paths).deleteAll();
      LOG.warn("nothing is left of the framework; the desired documents under {} are untouched", paths.services());
      done.complete(null);
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
  }

  /** Uninstalls every service, then tears the framework down on Mesos. */
  private void tearDown(SchedulerRuntimeFactory.Caches caches) throws Exception {
    try (SchedulerRuntime r = runtimes.start(writes, metrics, caches)) {
      runtime.set(r);
      uninstallEveryService(r);
      r.teardownFramework();
      runtime.set(null);
      LOG.warn("framework torn down on Mesos; removing the scheduler's state from ZooKeeper");
    }
  }

  private void uninstallEveryService(SchedulerRuntime runtime) throws Exception {
    CompletableFuture<Void> allGone = new CompletableFuture<>();
    runtime.manager().addListener(
        new ObservedServiceListener() {
          @Override
          public void uninstalled(String name) {
            LOG.info("service {} is torn down", name);
            if (runtime.manager().services().isEmpty()) {
              allGone.complete(null);
            }
          }
        });
    List<String> names = new ArrayList<>(runtime.manager().services().keySet());
    LOG.warn("tearing down {} service(s) in parallel: {}", names.size(), names);
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (String name : names) {
      started.add(runtime.manager().uninstallService(name));
    }
    CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get();
    if (runtime.manager().services().isEmpty()) {
      allGone.complete(null);
    }
    // Until every service is gone, or the leadership (and with it this run) ends.
    while (!allGone.isDone() && !done.isDone()) {
      try {
        CompletableFuture.anyOf(allGone, done).get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        LOG.info("still tearing down: {}", runtime.manager().services().values().stream().map(ObservedService::name).toList());
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("stopped while tearing services down", e.getCause());
      }
    }
  }
}

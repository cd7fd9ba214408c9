package io.drover.controller.app;

import io.drover.controller.reconcile.ObservedServices;
import io.drover.controller.reconcile.ServiceReconcileHandler;
import io.drover.controller.reconcile.StatusWriter;
import io.drover.controller.reconcile.WorkQueue;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.DesiredView;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusWrites;
import io.drover.controller.store.StorePaths;
import io.drover.controller.time.Timers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one leadership term runs: the scheduler runtime (recovered ServiceStore, Mesos
 * subscription), the reconcile queue and its handler, and the status writer. Created when the
 * replica is elected, closed when the term ends; a new term starts from scratch with the warm
 * caches. Not reused.
 *
 * <p>Thread-safe: {@link #enqueue}, {@link #pause}, {@link #resume} and {@link #close} may be called
 * from any thread.
 */
final class LeaderSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderSession.class);

  /** What a session needs from the replica, which outlives it. */
  record Context(
      ControllerConfig config,
      StorePaths paths,
      ChildrenCache<DesiredEntry> desired,
      DesiredView desiredView,
      ChildrenCache<StatusDocument> statuses,
      Function<String, Optional<String>> secretVersions,
      CompletableFuture<Void> secretsLoaded,
      SchedulerRuntimeFactory.Caches caches,
      ControllerWrites writes,
      SchedulerRuntimeFactory runtimes,
      MeterRegistry metrics,
      Timers timers,
      Executor workers) {}

  private final Context ctx;
  private final SchedulerRuntime runtime;
  private final ObservedServices observed;
  private final StatusWriter status;
  private final ServiceReconcileHandler handler;
  private final WorkQueue<String> queue;
  /** When the scheduler had recovered every stored service (the runtime started). */
  private final Instant recovered;

  private LeaderSession(Context ctx, SchedulerRuntime runtime) {
    this.ctx = ctx;
    this.runtime = runtime;
    this.recovered = ctx.timers().now();
    this.observed = new ObservedServices(runtime.manager(), this::enqueueObserved);
    this.status =
        new StatusWriter(new StatusWrites(ctx.writes(), ctx.paths(), ctx.statuses()), ctx.statuses(), ctx.timers(), ctx.workers(),
            ctx.config().queue().backoff(), name -> ctx.desired().get(name).map(DesiredEntry::check).orElse(null));
    this.handler =
        new ServiceReconcileHandler(ctx.desiredView(), runtime.manager(), observed, status, ctx.timers(), ctx.metrics(),
            ctx.config().actionTimeout(), ctx.secretVersions());
    this.queue = WorkQueue.create("reconcile", ctx.config().queue(), handler, this::allServices, ctx.timers(), ctx.workers());
    // A burst of users' changes is routed in one offer round: the scheduler asks for offers once it
    // arrived. The change whose put reaches the scheduler is still being handled; a lone one holds nothing.
    runtime.manager().expectChanges(() -> queue.userChanges() > 1);
  }

  /**
   * Starts a term: makes sure the status node exists and starts the scheduler. Nothing is reconciled
   * until {@link #reconcileAllOnceLoaded}.
   */
  static LeaderSession start(Context ctx) throws Exception {
    new StatusWrites(ctx.writes(), ctx.paths(), ctx.statuses()).ensureParent();
    SchedulerRuntime runtime = ctx.runtimes().start(ctx.writes(), ctx.metrics(), ctx.caches());
    LeaderSession s;
    try {
      s = new LeaderSession(ctx, runtime);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    runtime.manager().addListener(s.observed);
    LOG.info("leading: {} services recovered; every service is reconciled once the caches are loaded",
        runtime.manager().services().size());
    return s;
  }

  /**
   * Reconciles every service once the caches are loaded (at once when they are): the first look at a
   * service waits for complete caches, so nothing is decided from a partial view. Called once the
   * session is published: enqueueing 10,000 services, while the first of them are reconciled, took
   * the caller up to a second, during which the recovered services were not visible
   * (docs/performance.md, recovery-scale, eighth round).
   */
  void reconcileAllOnceLoaded() {
    CompletableFuture.allOf(ctx.desired().whenInitialized(), ctx.statuses().whenInitialized(), ctx.secretsLoaded()).thenRun(() -> {
      LOG.info("caches loaded: reconciling every service");
      queue.resync();
    });
  }

  /** Asks for the service to be reconciled: its desired document changed, a user's change that goes first. */
  void enqueue(String name) {
    queue.add(name, WorkQueue.Priority.USER);
  }

  /** Asks for the service to be reconciled because the scheduler's view of it changed. */
  private void enqueueObserved(String name) {
    queue.add(name, WorkQueue.Priority.OBSERVED);
  }

  /** Connection to ZooKeeper suspended: no reconcile or status write starts until {@link #resume}. */
  void pause() {
    queue.pause();
    status.pause();
  }

  void resume() {
    status.resume();
    queue.resume();
  }

  SchedulerRuntime runtime() {
    return runtime;
  }

  Instant recovered() {
    return recovered;
  }

  Optional<Instant> firstReconcile() {
    return handler.firstReconcile();
  }

  int queueDepth() {
    return queue.depth();
  }

  int reconcilesInFlight() {
    return queue.inFlight();
  }

  @Override
  public void close() {
    queue.close();
    status.close();
    runtime.close();
  }

  /** Every service worth a look: with a document, known to the scheduler, or with a status left. */
  private Set<String> allServices() {
    Set<String> names = new HashSet<>(ctx.desired().names());
    names.addAll(runtime.manager().services().keySet());
    names.addAll(ctx.statuses().names());
    return names;
  }
}

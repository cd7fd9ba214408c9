package io.drover.controller.reconcile;

import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.UpdateRejectedException;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.DesiredView;
import io.drover.controller.store.FencedWriteException;
import io.drover.controller.time.Timers;
import io.drover.reconcile.controller.Decision;
import io.drover.reconcile.controller.DesiredService;
import io.drover.reconcile.controller.DocumentReconciler;
import io.drover.reconcile.controller.Rejection;
import io.drover.reconcile.controller.SecretBinding;
import io.drover.reconcile.controller.ServiceSnapshot;
import io.drover.reconcile.controller.StatusDeriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code reconcile(name)}: reads the desired document (cache) and the scheduler's view, lets the
 * pure {@link DocumentReconciler} decide (once the document is bound to the versions of the secrets
 * it uses, {@link SecretBinding}; until they exist it waits), carries out the decision, then derives the status from
 * what the scheduler reports afterwards and hands it to the {@link StatusWriter}.
 *
 * <p>Nothing is decided while the desired cache is still loading, and an uninstall, decided from a
 * document's absence, is carried out only once ZooKeeper confirms the document is gone (a read on
 * this replica's session; a read that fails postpones it): a cache that is incomplete or behind
 * never uninstalls a running service ({@link DesiredView}).
 *
 * <p>Runs on the work queue's workers, never twice at once for one service. An exception means
 * "retry with backoff"; a refused update and a fenced write are outcomes, not failures. Every
 * log line carries the service name (MDC key {@code service}). Reconciles are timed in
 * {@code drover.reconciles} tagged by outcome.
 */
public final class ServiceReconcileHandler implements WorkQueue.KeyHandler<String> {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceReconcileHandler.class);

  private final DesiredView desired;
  private final MultiServiceManager manager;
  private final ObservedServices observed;
  private final StatusWriter status;
  private final Timers timers;
  private final MeterRegistry metrics;
  private final Duration actionTimeout;
  private final Function<String, Optional<String>> secretVersions;
  private final Map<String, Rejection> rejections = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> firstReconcile = new AtomicReference<>();

  /**
   * @param actionTimeout how long a put or uninstall may take to be accepted by the scheduler
   *     before the reconcile counts as failed and is retried
   * @param secretVersions the current version of a secret, empty when it does not exist
   */
  public ServiceReconcileHandler(
      DesiredView desired,
      MultiServiceManager manager,
      ObservedServices observed,
      StatusWriter status,
      Timers timers,
      MeterRegistry metrics,
      Duration actionTimeout,
      Function<String, Optional<String>> secretVersions) {
    this.desired = desired;
    this.secretVersions = secretVersions;
    this.manager = manager;
    this.observed = observed;
    this.status = status;
    this.timers = timers;
    this.metrics = metrics;
    this.actionTimeout = actionTimeout;
  }

  /** When the first reconcile of this handler completed, if one has. */
  public Optional<Instant> firstReconcile() {
    return Optional.ofNullable(firstReconcile.get());
  }

  @Override
  public void handle(String name) throws Exception {
    MDC.put("service", name);
    long start = timers.nanoTime();
    String outcome = "error";
    try {
      if (!desired.complete()) {
        // Nothing is decided from a view still loading; the session reconciles everything once it is complete.
        LOG.debug("desired documents are still loading; postponed");
        outcome = "postponed";
        return;
      }
      SecretBinding.Result bound = SecretBinding.bind(desired.get(name).map(DesiredEntry::service).orElse(null), secretVersions);
      ServiceSnapshot before = snapshot(name, bound.desired());
      outcome = bound.ready() ? act(name, DocumentReconciler.decide(before), before) : waitForSecrets(name, bound);
      ServiceSnapshot after = snapshot(name, bound.desired());
      ServiceStatus previous = status.latest(name).orElse(null);
      Optional<ServiceStatus> next = StatusDeriver.derive(after, previous, timers.now());
      reportInvalid(previous, next, after.desired());
      status.submit(name, next);
      firstReconcile.compareAndSet(null, timers.now());
    } finally {
      Timer.builder("drover.reconciles")
          .description("reconciles of one service, by outcome")
          .tag("outcome", outcome)
          .register(metrics)
          .record(timers.nanoTime() - start, TimeUnit.NANOSECONDS);
      MDC.remove("service");
    }
  }

  /** The snapshot of {@code name} with its desired service bound to the versions of its secrets. */
  private ServiceSnapshot snapshot(String name, DesiredService bound) {
    return new ServiceSnapshot(name, bound, observed.get(name), rejections.get(name));
  }

  /** Holds the document back until its secrets exist; status says which are missing. */
  private String waitForSecrets(String name, SecretBinding.Result bound) {
    Rejection waiting = Rejection.waitingForSecrets(bound.desired(), bound.missing());
    if (!waiting.equals(rejections.put(name, waiting))) {
      LOG.warn("generation {} waits for secrets: {}", bound.desired().generation(), String.join("; ", bound.missing()));
    }
    return "waiting";
  }

  /** Carries out the decision; returns the outcome for metrics. */
  private String act(String name, Decision decision, ServiceSnapshot s) throws Exception {
    if (decision instanceof Decision.Put put) {
      return put(name, put);
    }
    if (decision instanceof Decision.Uninstall) {
      if (desired.existsNow(name)) {
        // The cache is behind ZooKeeper; it reports the document once it catches up.
        throw new IllegalStateException("the cache has no document for " + name
            + " but ZooKeeper does: not uninstalling; looking again once the cache catches up");
      }
      LOG.info("the document is gone (confirmed in ZooKeeper): uninstalling the service");
      if (!await(manager.uninstallService(name))) {
        return "fenced";
      }
      rejections.remove(name);
      return "uninstall";
    }
    if (decision instanceof Decision.MarkInvalid) {
      return "invalid";
    }
    LOG.debug("nothing to do: {}", ((Decision.Nothing) decision).reason());
    if (s.desired() == null) {
      rejections.remove(name);
    }
    return "nothing";
  }

  private String put(String name, Decision.Put put) throws Exception {
    long generation = put.target().generation();
    LOG.info("handing generation {} (spec {}) to the scheduler", generation, shortHash(put.target().specHash()));
    try {
      if (!await(manager.putService(put.target()))) {
        return "fenced";
      }
      rejections.remove(name);
      return "put";
    } catch (UpdateRejectedException e) {
      LOG.warn("the scheduler refused generation {}: {}; the previous spec keeps running", generation, e.getMessage());
      rejections.put(name, new Rejection(put.target().specHash(), generation, e.reasons()));
      return "rejected";
    }
  }

  /**
   * Waits for a scheduler command and unwraps its failure. Returns false when the scheduler's write
   * was fenced: this replica no longer leads, so the reconcile ends without a retry.
   */
  private boolean await(CompletableFuture<Void> command) throws Exception {
    try {
      command.get(actionTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UpdateRejectedException rejected) {
        throw rejected;
      }
      if (cause instanceof FencedWriteException fenced) {
        if (fenced.shuttingDown()) {
          LOG.info("the scheduler's write was not made: this replica is shutting down");
        } else {
          LOG.warn("the scheduler's write was refused, this replica no longer leads: {}", fenced.getMessage());
        }
        return false;
      }
      throw cause instanceof Exception ex ? ex : e;
    }
  }

  private static void reportInvalid(ServiceStatus previous, Optional<ServiceStatus> next, DesiredService d) {
    boolean nowInvalid = next.map(st -> st.phase() == Phase.INVALID).orElse(false);
    boolean wasSame = previous != null && previous.phase() == Phase.INVALID
        && d != null && previous.observedGeneration() == d.generation();
    if (nowInvalid && !wasSame) {
      LOG.warn("generation {} is invalid; whatever runs keeps its last good spec: {}", d.generation(), String.join("; ", d.errors()));
    }
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}

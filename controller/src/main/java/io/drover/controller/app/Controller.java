package io.drover.controller.app;

import io.drover.controller.ha.FencedWrites;
import io.drover.controller.ha.LeaderElection;
import io.drover.controller.ha.LeaderTerm;
import io.drover.controller.ha.LeadershipListener;
import io.drover.controller.ha.ReplicaInfo;
import io.drover.controller.http.ApiServer;
import io.drover.controller.http.ControllerView;
import io.drover.controller.metrics.ControllerMetrics;
import io.drover.controller.scheduler.ServiceOperations;
import io.drover.controller.security.BearerTokenFilter;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.DesiredEntry;
import io.drover.controller.store.SecretEntry;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StoreConnection;
import io.drover.controller.time.Timers;
import io.drover.reconcile.controller.SecretBinding;
import io.drover.reconcile.state.Backoff;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controller replica: ZooKeeper caches of desired documents, statuses and secrets (kept warm on every
 * replica), the HTTP API, and leader election. While it leads, a {@link LeaderSession} runs the
 * scheduler and the reconcile loop; when the term ends the session is closed and a later term
 * starts a fresh one. When Mesos fails the session's subscription over to another scheduler while
 * the term holds, a fresh session in the same term takes the framework back.
 *
 * <p>{@link #close} is the graceful shutdown: the session stops, then the election node is deleted
 * so another replica takes over at once. Thread-safe.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  private static final Backoff START_RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  /** How long the desired documents' first decoding waits for the statuses at most. */
  private static final Duration STATUS_WAIT = Duration.ofSeconds(5);

  private final ControllerThreads threads;
  private final StoreConnection store;
  private final PrometheusMeterRegistry metrics;
  private final ChildrenCache<DesiredEntry> desired;
  private final ChildrenCache<StatusDocument> statuses;
  private final ChildrenCache<SecretEntry> secrets;
  private final ApiServer http;
  private final LeaderElection election;
  private final LeaderSession.Context sessionContext;
  private final AtomicReference<LeaderSession> session = new AtomicReference<>();
  private final AtomicReference<Instant> cachesLoaded = new AtomicReference<>();

  private Controller(ControllerConfig config, SchedulerRuntimeFactory runtimes, ControllerThreads threads) throws Exception {
    this.threads = threads;
    Timers timers = Timers.system(threads.timer(), Clock.systemUTC());
    // What is started is stopped again, newest first, when a later step fails (a taken HTTP port):
    // the caches before the connection, and both before the threads their answers go to.
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      store = StoreConnection.open(config.zk());
      started.push(store);
      metrics = ControllerMetrics.newRegistry();
      statuses = store.statusCache(threads.cacheEvents());
      desired = store.desiredCache(threads.desiredEvents(),
          afterStatusesLoad(statuses, threads.cacheDecoding()), statuses::get);
      secrets = store.secretCache(threads.cacheEvents());
      desired.addListener(name -> current().ifPresent(s -> s.enqueue(name)));
      secrets.addListener(secret -> current().ifPresent(s -> usersOf(secret).forEach(s::enqueue)));
      for (ChildrenCache<?> cache : List.of(desired, statuses, secrets)) {
        cache.start();
        started.push(cache);
      }
      CompletableFuture.allOf(desired.whenInitialized(), statuses.whenInitialized(), secrets.whenInitialized())
          .thenRun(() -> cachesLoaded.set(Instant.now()));

      AtomicReference<LeaderElection> electionRef = new AtomicReference<>();
      ControllerView view = new ReplicaView(store, desired, statuses, electionRef::get, this::current);
      http = ApiServer.start(new InetSocketAddress(config.httpHost(), config.httpPort()), view, this::operations,
          metrics, threads.http(), BearerTokenFilter.of(config.apiToken()), runtimes.mesosMaster());
      started.push(http);
      ReplicaInfo self = new ReplicaInfo(config.replicaId(), config.advertisedHost() + ":" + http.address().getPort());
      election = LeaderElection.create(store, self, threads.electionEvents(), Clock.systemUTC());
      electionRef.set(election);
      FencedWrites writes = new FencedWrites(election, metrics);
      sessionContext = new LeaderSession.Context(config, store.paths(), desired, store.desiredView(desired), statuses,
          secret -> secrets.get(secret).map(SecretEntry::version), secrets.whenInitialized(),
          new SchedulerRuntimeFactory.Caches(secret -> secrets.get(secret).map(SecretEntry::value), secrets.whenInitialized(),
              name -> desired.get(name).flatMap(DesiredEntry::target), desired::whenLoaded),
          writes, runtimes, metrics, timers, threads.workers());
      // Leading means what the fence and the Mesos subscription check: a replica that cannot write does not claim it.
      ControllerMetrics.bindLeadership(metrics, () -> writes.notLeadingBecause().isEmpty());
      store.bindMetrics(metrics);
      ControllerMetrics.bindQueue(metrics, () -> current().map(LeaderSession::queueDepth).orElse(0),
          () -> current().map(LeaderSession::reconcilesInFlight).orElse(0));
      ControllerMetrics.bindTasks(metrics, () -> current().map(s -> s.runtime().manager().services()).orElse(Map.of()));
      election.addListener(new Leadership());
      prepareTlsDefaults();
      election.start();
      LOG.info("replica {} started; HTTP API on {}", self.id(), self.httpAddress());
    } catch (Exception | Error e) {
      for (AutoCloseable part : started) {
        try {
          part.close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
  }

  /**
   * The desired documents' decoding pool, holding the first load's documents until the statuses are
   * loaded (or {@link #STATUS_WAIT} has passed): a status that vouches for its document's version
   * spares the document's checks ({@link DesiredEntry#decode(String,
   * org.apache.curator.framework.recipes.cache.ChildData, StatusDocument)}), most of a restart's
   * CPU until the JIT has compiled them (docs/performance.md, recovery-scale). The reads go on
   * meanwhile; the two loads take about as long.
   */
  private static Executor afterStatusesLoad(ChildrenCache<StatusDocument> statuses, Executor pool) {
    return ControllerThreads.after(
        statuses.whenInitialized().completeOnTimeout(null, STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS),
        pool);
  }

  /**
   * Makes the JVM's default TLS context and its default parameters before this replica can lead: a
   * term's Mesos client builds an {@code HttpClient}, which asks for both, plain HTTP or not, and
   * making them (the providers, the trust store, the cipher suites) takes 0.1–0.2 s that a new
   * leader would otherwise spend taking over (docs/performance.md, failover). ZooKeeper's client
   * made them at start until a plaintext connection stopped loading TLS ({@code ZkClientConfigs}).
   */
  private static void prepareTlsDefaults() {
    try {
      SSLContext.getDefault().getDefaultSSLParameters();
    } catch (NoSuchAlgorithmException e) {
      LOG.debug("no default TLS context: {}", e.getMessage()); // the Mesos client reports it when it needs one
    }
  }

  /** Starts a replica; it joins the election at once. */
  public static Controller start(ControllerConfig config, SchedulerRuntimeFactory runtimes) throws Exception {
    // One worker more than reconciles may run at once: the status writer never waits behind them.
    ControllerThreads threads = ControllerThreads.create(config.queue().maxInFlight() + 1);
    try {
      return new Controller(config, runtimes, threads);
    } catch (Exception | Error e) {
      threads.close();
      throw e;
    }
  }

  /** The services whose documents use the secret: a new version of it (or its creation) rolls them. */
  private List<String> usersOf(String secret) {
    return desired.snapshot().entrySet().stream()
        .filter(e -> e.getValue().service().valid() && SecretBinding.uses(e.getValue().service().resource(), secret))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The HTTP API's bound address. */
  public InetSocketAddress httpAddress() {
    return http.address();
  }

  /** This replica's identity in the election. */
  public ReplicaInfo self() {
    return election.self();
  }

  /** True while this replica leads with its scheduler running. */
  public boolean leading() {
    return current().isPresent() && !election.isSuspended();
  }

  /** The replica's fenced writes: they go through only while it leads. */
  ControllerWrites writes() {
    return sessionContext.writes();
  }

  /** The replica's connection to ZooKeeper. */
  StoreConnection store() {
    return store;
  }

  /** When this replica's caches (desired documents, statuses, secrets) finished their first load, once they have. */
  public Optional<Instant> cachesLoaded() {
    return Optional.ofNullable(cachesLoaded.get());
  }

  /** When this replica was elected, while it leads. */
  public Optional<Instant> elected() {
    return election.currentTerm().map(LeaderTerm::since);
  }

  /** When the current term's scheduler had recovered every stored service, while it leads. */
  public Optional<Instant> recovered() {
    return current().map(LeaderSession::recovered);
  }

  /** When this replica's current term finished its first reconcile, while it leads. */
  public Optional<Instant> firstReconcile() {
    return current().flatMap(LeaderSession::firstReconcile);
  }

  /** The leader term's scheduler runtime, while this replica leads. */
  public Optional<SchedulerRuntime> runtime() {
    return current().map(LeaderSession::runtime);
  }

  @Override
  public void close() {
    LOG.info("shutting down: handing leadership over");
    election.close();
    endSession("shutting down");
    http.close();
    desired.close();
    statuses.close();
    secrets.close();
    store.close();
    threads.close();
  }

  private Optional<LeaderSession> current() {
    return Optional.ofNullable(session.get());
  }

  private Optional<ServiceOperations> operations() {
    return leading() ? current().map(s -> s.runtime().operations()) : Optional.empty();
  }

  private void endSession(String why) {
    LeaderSession s = session.getAndSet(null);
    if (s != null) {
      LOG.info("stopping leader duties: {}", why);
      s.close();
      ControllerMetrics.removeTermMeters(metrics);
    }
  }

  /** Runs on the election's event thread, so term starts and ends never overlap. */
  private final class Leadership implements LeadershipListener {
    @Override
    public void elected(LeaderTerm term) {
      startSession(term, new AtomicInteger(), new AtomicInteger());
    }

    @Override
    public void suspended() {
      current().ifPresent(LeaderSession::pause);
    }

    @Override
    public void resumed() {
      current().ifPresent(LeaderSession::resume);
    }

    @Override
    public void revoked(String reason) {
      endSession(reason);
    }

    /**
     * @param failures failed starts in a row, for the retry's backoff
     * @param takeBacks subscriptions of this term failed over by Mesos, for the take-back's backoff
     */
    private void startSession(LeaderTerm term, AtomicInteger failures, AtomicInteger takeBacks) {
      if (!election.currentTerm().equals(Optional.of(term)) || session.get() != null) {
        return;
      }
      LeaderSession started;
      try {
        started = LeaderSession.start(sessionContext);
      } catch (Exception e) {
        Duration delay = START_RETRY.delay(failures.incrementAndGet());
        LOG.error("cannot start leader duties; retrying in {}", delay, e);
        later(delay, () -> startSession(term, failures, takeBacks));
        return;
      }
      session.set(started);
      started.reconcileAllOnceLoaded();
      started.runtime().failedOver().thenAccept(message ->
          threads.electionEvents().execute(() -> failedOver(started, term, message, takeBacks)));
    }

    /**
     * Mesos failed the term's subscription over to another scheduler (a deposed replica's client that
     * subscribed before it learned it was deposed). The runtime has stopped for good; while the term
     * holds, a new session subscribes with the stored framework id and takes the framework back.
     */
    private void failedOver(LeaderSession failed, LeaderTerm term, String message, AtomicInteger takeBacks) {
      if (session.get() != failed) {
        return;
      }
      endSession("Mesos failed the subscription over to another scheduler: " + message);
      if (!election.currentTerm().equals(Optional.of(term))) {
        return;
      }
      Duration delay = START_RETRY.delay(takeBacks.incrementAndGet());
      LOG.warn("still the leader: taking the framework back with new leader duties in {}", delay);
      later(delay, () -> startSession(term, new AtomicInteger(), takeBacks));
    }

    /** Runs {@code step} on the election's event thread after {@code delay}. */
    private void later(Duration delay, Runnable step) {
      threads.timer().schedule(() -> threads.electionEvents().execute(step), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}

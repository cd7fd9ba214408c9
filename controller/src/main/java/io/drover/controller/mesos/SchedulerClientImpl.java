package io.drover.controller.mesos;

import io.drover.controller.time.Timers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's connection life: subscribe, read, lose, back off, subscribe again. Every state
 * change happens on the dispatch thread, which takes {@link StreamItem}s in order from one queue
 * fed by the stream readers, the HTTP callbacks, the timers and the master detector; what the
 * stream says is interpreted by {@link StreamEvents}. Other threads only abort streams, which the
 * dispatch thread then hears about as {@link StreamItem.Ended}.
 */
final class SchedulerClientImpl implements MesosSchedulerClient {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerClientImpl.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

  enum Lifecycle { LATENT, STARTED, STOPPED, CLOSED }

  private final ClientSettings settings;
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final LinkedBlockingQueue<StreamItem> queue = new LinkedBlockingQueue<>();
  private final Semaphore eventPermits;
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService ownTimers;
  private final Timers timers;
  private final ClientMetrics metrics;
  private final Subscriber subscriber;
  private final CallSender calls;
  private final HeartbeatWatchdog watchdog;
  private final TaskReconciliation reconciliation;
  private final StreamEvents events;
  private final Thread dispatchThread;
  private final AtomicLong generations = new AtomicLong();

  // Written by the dispatch thread only; volatile where other threads read.
  private volatile Subscription current;
  private boolean connecting;
  private Timers.Cancellable pendingConnect;
  private int failedAttempts;

  SchedulerClientImpl(ClientSettings settings, SchedulerEventListener listener) {
    this.settings = settings;
    this.eventPermits = new Semaphore(settings.eventQueueCapacity());
    this.httpExecutor = Executors.newCachedThreadPool(daemonThreads("mesos-http"));
    this.ownTimers = settings.timers() == null
        ? Executors.newSingleThreadScheduledExecutor(daemonThreads("mesos-timers")) : null;
    this.timers = ownTimers != null ? Timers.system(ownTimers, settings.clock()) : settings.timers();
    HttpClient httpClient = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(settings.requestTimeout())
        .executor(httpExecutor)
        .build();
    SchedulerHttp http = new SchedulerHttp(httpClient, httpExecutor, settings.encoding(),
        settings.framework().basicCredentials(), settings.requestTimeout());
    this.subscriber = new Subscriber(http);
    this.reconciliation = new TaskReconciliation(timers, settings.reconciliationBackoff(),
        settings.implicitReconciliationInterval(), tasks -> calls().reconcile(tasks));
    this.metrics = new ClientMetrics(settings.registry(), settings.clock(), reconciliation::pendingCount);
    this.calls = new CallSender(http, metrics);
    this.watchdog = new HeartbeatWatchdog(timers, settings.clock(), settings.missedHeartbeats());
    this.events = new StreamEvents(settings, listener, settings.frameworkIds(), calls, watchdog,
        reconciliation, metrics, new StreamEvents.Control() {
          @Override
          public boolean stopActing(String reason) {
            return SchedulerClientImpl.this.stopActing(reason);
          }

          @Override
          public void subscriptionUp() {
            failedAttempts = 0;
          }
        });
    this.dispatchThread = daemonThread("mesos-dispatch", this::dispatchLoop);
  }

  @Override
  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
      throw new IllegalStateException("MesosSchedulerClient.start() may be called once, before close()");
    }
    LOG.info("Starting Mesos scheduler client for {} with {}", settings.framework(), settings.detector());
    settings.detector().onLeaderChange(() -> queue.add(new StreamItem.LeaderChanged()));
    settings.detector().start();
    dispatchThread.start();
    queue.add(new StreamItem.Connect());
  }

  @Override
  public SchedulerCalls calls() {
    return calls;
  }

  @Override
  public Optional<FrameworkID> frameworkId() {
    return events.frameworkId();
  }

  @Override
  public boolean isSubscribed() {
    return events.isSubscribed();
  }

  @Override
  public Optional<FrameworkID> awaitSubscribed(Duration timeout) throws InterruptedException {
    return events.awaitSubscribed(timeout);
  }

  @Override
  public boolean awaitEndOf(FrameworkID id, Duration timeout) throws InterruptedException {
    return events.awaitEndOf(id, timeout);
  }

  @Override
  public void close() {
    Lifecycle previous = lifecycle.getAndSet(Lifecycle.CLOSED);
    if (previous == Lifecycle.CLOSED) {
      return;
    }
    // Calls stop before the stream does: one still queued is dropped, and one in flight whose answer
    // comes after the master saw the stream end (403, not subscribed: expected here) is not warned of.
    events.quiesce();
    abortCurrent("the client was closed");
    settings.detector().close();
    if (previous != Lifecycle.LATENT) {
      dispatchThread.interrupt();
      if (Thread.currentThread() != dispatchThread) {
        joinDispatchThread();
      }
    }
    events.quiesce();
    if (ownTimers != null) {
      ownTimers.shutdownNow();
    }
    httpExecutor.shutdownNow();
    LOG.info("Mesos scheduler client closed");
  }

  Lifecycle lifecycle() {
    return lifecycle.get();
  }

  private void dispatchLoop() {
    while (true) {
      StreamItem item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        break;
      }
      if (lifecycle.get() == Lifecycle.CLOSED) {
        dispose(item);
        break;
      }
      try {
        handle(item);
      } catch (RuntimeException e) {
        LOG.error("Unexpected failure handling {}; continuing", item.getClass().getSimpleName(), e);
      }
    }
    for (StreamItem left = queue.poll(); left != null; left = queue.poll()) {
      dispose(left);
    }
  }

  private void handle(StreamItem item) {
    if (item instanceof StreamItem.Received received) {
      try {
        if (received.subscription() == current && lifecycle.get() == Lifecycle.STARTED) {
          events.onEvent(received.subscription(), received.event());
        }
      } finally {
        eventPermits.release();
      }
    } else if (item instanceof StreamItem.Ended ended) {
      onEnded(ended.subscription(), ended.reason());
    } else if (item instanceof StreamItem.Opened opened) {
      onOpened(opened.stream());
    } else if (item instanceof StreamItem.ConnectFailed failed) {
      connecting = false;
      retryLater(failed.reason());
    } else if (item instanceof StreamItem.Connect) {
      connect();
    } else if (item instanceof StreamItem.LeaderChanged) {
      onLeaderChanged();
    }
  }

  private void connect() {
    pendingConnect = null;
    if (lifecycle.get() != Lifecycle.STARTED || current != null || connecting) {
      return;
    }
    // A SUBSCRIBE fails the framework's current subscription over to this client: never from a replica
    // that may not lead (e.g. one just thawed from a freeze, its ZooKeeper connection suspended).
    Optional<String> closed = settings.subscribeGate().closedBecause();
    if (closed.isPresent()) {
      retryLater("not subscribing: " + closed.get());
      return;
    }
    Optional<String> notReady = events.loadFrameworkId();
    if (notReady.isPresent()) {
      retryLater(notReady.get());
      return;
    }
    List<URI> candidates = settings.detector().candidates();
    if (candidates.isEmpty()) {
      retryLater("no Mesos master known from " + settings.detector());
      return;
    }
    connecting = true;
    Call subscribe = events.subscribeCall();
    subscriber.open(candidates, subscribe).whenComplete((opened, error) -> {
      if (error != null) {
        queue.add(new StreamItem.ConnectFailed(Subscriber.describe(error)));
        return;
      }
      StreamItem item = new StreamItem.Opened(opened);
      queue.add(item);
      // close() may have drained the queue already: then nobody else will close this stream.
      if (lifecycle.get() == Lifecycle.CLOSED && queue.remove(item)) {
        dispose(item);
      }
    });
  }

  private void onOpened(OpenedStream opened) {
    connecting = false;
    if (lifecycle.get() != Lifecycle.STARTED) {
      closeQuietly(opened);
      return;
    }
    Subscription subscription =
        new Subscription(generations.incrementAndGet(), opened, settings.clock().millis());
    current = subscription;
    settings.detector().subscribedVia(opened.origin());
    LOG.info("Master {} accepted SUBSCRIBE; reading events of {}", opened.endpoint(), subscription);
    watchdog.watch(subscription, settings.initialHeartbeatInterval());
    StreamReader reader = new StreamReader(subscription, settings.encoding(), settings.maxRecordBytes(),
        eventPermits, queue, settings.clock(), metrics);
    daemonThread("mesos-events-" + subscription.generation(), reader).start();
  }

  private void onEnded(Subscription subscription, String reason) {
    if (subscription != current) {
      return;
    }
    current = null;
    boolean wasUp = events.streamEnded(subscription);
    if (lifecycle.get() != Lifecycle.STARTED) {
      return;
    }
    if (wasUp) {
      events.disconnected(reason);
    }
    retryLater(reason);
  }

  private void onLeaderChanged() {
    List<URI> candidates = settings.detector().candidates();
    if (lifecycle.get() != Lifecycle.STARTED || candidates.isEmpty()) {
      return;
    }
    URI leader = candidates.get(0);
    Subscription subscription = current;
    if (subscription != null && !subscription.origin().equals(leader)) {
      subscription.abort("the leading master changed to " + leader);
    } else if (subscription == null && !connecting && pendingConnect != null) {
      pendingConnect.cancel();
      connect();
    }
  }

  private void retryLater(String reason) {
    if (lifecycle.get() != Lifecycle.STARTED) {
      return;
    }
    metrics.reconnect();
    Duration delay = settings.reconnectBackoff().jittered(failedAttempts + 1, settings.random());
    failedAttempts = Math.min(failedAttempts + 1, 64);
    LOG.warn("Mesos subscription: {}; subscribing again in {} ms", reason, delay.toMillis());
    pendingConnect = timers.schedule(delay, () -> queue.add(new StreamItem.Connect()));
  }

  /** Another instance took over, or this one lost the right to write: stop acting for good. */
  private boolean stopActing(String reason) {
    if (!lifecycle.compareAndSet(Lifecycle.STARTED, Lifecycle.STOPPED)) {
      return false;
    }
    LOG.error("Mesos scheduler client stops acting: {}", reason);
    if (pendingConnect != null) {
      pendingConnect.cancel();
    }
    abortCurrent(reason);
    events.quiesce();
    return true;
  }

  private void abortCurrent(String reason) {
    Subscription subscription = current;
    if (subscription != null) {
      subscription.abort(reason);
    }
  }

  private void joinDispatchThread() {
    try {
      dispatchThread.join(JOIN_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (dispatchThread.isAlive()) {
      LOG.warn("The Mesos dispatch thread is still inside a listener callback after {}", JOIN_TIMEOUT);
    }
  }

  private static void dispose(StreamItem item) {
    if (item instanceof StreamItem.Opened opened) {
      closeQuietly(opened.stream());
    }
  }

  private static void closeQuietly(OpenedStream opened) {
    try {
      opened.body().close();
    } catch (IOException e) {
      // Discarding the stream either way.
    }
  }

  /** Daemon threads named {@code prefix-1, prefix-2, ...}. */
  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> daemonThread(prefix + "-" + count.incrementAndGet(), runnable);
  }

  private static Thread daemonThread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}

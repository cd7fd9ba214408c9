package io.drover.controller.scheduler;

import io.drover.api.model.ServiceResource;
import io.drover.controller.mesos.KnownTasks;
import io.drover.controller.mesos.SchedulerCalls;
import io.drover.controller.mesos.SchedulerEventListener;
import io.drover.controller.store.ServiceStore;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.routing.OfferInterest;
import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.ServiceRecord;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-service scheduler: one Mesos framework running many services, added, updated and
 * removed at run time. One event loop thread owns all scheduler state; Mesos events (this class is
 * the client's {@link SchedulerEventListener} and {@link KnownTasks}), commands ({@link
 * MultiServiceManager}, {@link ServiceOperations}) and timers are messages on its queue. No
 * service code runs under a shared lock; listeners and command futures complete on a separate
 * executor.
 *
 * <p>Lifecycle: {@link #start} recovers every stored service and starts the loop; only then
 * should the Mesos client subscribe. After every (re)subscription a service launches, kills and
 * finishes nothing until Mesos has answered about each of its non-terminal tasks, or the client
 * reports {@link #reconciled()} ({@link ReconciliationGate}); services whose tasks are answered act
 * meanwhile. {@link #close()} stops the loop; Mesos keeps the tasks.
 */
public final class MultiServiceRunner
    implements MultiServiceManager, ServiceOperations, SchedulerEventListener, KnownTasks, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MultiServiceRunner.class);

  private enum Lifecycle { NEW, STARTED, CLOSED }

  private final ServiceStore store;
  private final SchedulerSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final ScheduledExecutorService ownedTimers;
  private final ExecutorService ownedListenerExecutor;
  private final Executor listenerExecutor;
  private final ServiceScheduler scheduler;
  private final SchedulerState state = new SchedulerState();
  private final ReconciliationGate gate = new ReconciliationGate(state);
  private final StatePublisher publisher;
  private final EventLoop loop;
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
  private MultiServiceEventClient events;
  private ServiceCommands commands;
  private Progress progress;
  private ScheduledFuture<?> ticks;

  private MultiServiceRunner(Builder b) {
    this.store = b.store;
    this.settings = b.settings;
    this.clock = b.clock;
    this.ownedTimers = b.timers == null ? Executors.newSingleThreadScheduledExecutor(daemon("drover-scheduler-timer")) : null;
    this.timers = b.timers != null ? b.timers : ownedTimers;
    this.ownedListenerExecutor = b.listenerExecutor == null ? Executors.newSingleThreadExecutor(daemon("drover-scheduler-listeners")) : null;
    this.listenerExecutor = b.listenerExecutor != null ? b.listenerExecutor : ownedListenerExecutor;
    this.scheduler = ServiceScheduler.create(settings.perService(), b.ids);
    this.publisher = new StatePublisher(listenerExecutor);
    this.loop = new EventLoop("drover-scheduler", timers);
  }

  /** A runner persisting each service's record in {@code store}. */
  public static Builder builder(ServiceStore store) {
    return new Builder(store);
  }

  /**
   * Recovers every stored service (an entry that cannot be read is reported and skipped), then
   * starts the event loop. Call before the Mesos client subscribes.
   *
   * @return what was recovered
   * @throws Exception when ZooKeeper cannot be read at all
   */
  public ServiceStore.Recovered start(SchedulerCalls calls) throws Exception {
    Objects.requireNonNull(calls, "calls");
    if (!lifecycle.compareAndSet(Lifecycle.NEW, Lifecycle.STARTED)) {
      throw new IllegalStateException("the scheduler runner was already started or closed");
    }
    ServiceStore.Recovered recovered = store.recover();
    for (ServiceRecord r : recovered.services()) {
      state.services.put(r.name(), new ServiceEntry(r));
      publisher.dirty(r.name());
    }
    recovered.broken().forEach((name, why) -> {
      state.broken.put(name, why);
      publisher.dirty(name);
    });
    Persistence persistence = new Persistence(store, state, publisher);
    progress = new Progress(state, gate, scheduler, persistence, publisher, calls, clock, settings);
    events = new MultiServiceEventClient(state, gate, scheduler, persistence, progress, calls, clock, settings);
    commands = new ServiceCommands(state, scheduler, persistence, progress, publisher, store, clock);
    publisher.publish(state, clock.instant());
    loop.start();
    ticks = loop.every(settings.tick(), () -> run(() -> {
      progress.advanceAll();
      progress.checkLaunches();
    }));
    LOG.info("scheduler recovered {} service(s){}", recovered.services().size(),
        recovered.broken().isEmpty() ? "" : "; unreadable entries left alone: " + recovered.broken().keySet());
    return recovered;
  }

  @Override
  public CompletableFuture<Void> putService(ServiceResource service, long generation) {
    Objects.requireNonNull(service, "service");
    if (service.name() == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("the service has no metadata.name"));
    }
    return command(() -> commands.put(service, generation));
  }

  @Override
  public CompletableFuture<Void> uninstallService(String name) {
    return command(() -> commands.uninstall(Objects.requireNonNull(name, "name")));
  }

  @Override
  public Map<String, ObservedService> services() {
    return publisher.states();
  }

  @Override
  public void addListener(ObservedServiceListener listener) {
    publisher.addListener(listener);
  }

  @Override
  public CompletableFuture<Void> restartPod(String service, String instance) {
    return command(() -> commands.restart(service, instance));
  }

  @Override
  public CompletableFuture<Void> replacePod(String service, String instance) {
    return command(() -> commands.replace(service, instance));
  }

  @Override
  public CompletableFuture<Void> pausePlan(String service, String plan) {
    return command(() -> commands.pause(service, plan, true));
  }

  @Override
  public CompletableFuture<Void> resumePlan(String service, String plan) {
    return command(() -> commands.pause(service, plan, false));
  }

  @Override
  public Map<TaskID, AgentID> nonTerminal() {
    return publisher.nonTerminal();
  }

  @Override
  public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
    post(() -> {
      LOG.info("subscribed as framework {}; each service acts once its tasks are reconciled", frameworkId.getValue());
      state.interest = OfferInterest.initial();
      gate.subscribed();
      progress.advanceAll();
    });
  }

  @Override
  public void reconciled() {
    post(() -> {
      LOG.info("every known task is reconciled; every service may act");
      gate.reconciled();
      progress.advanceAll();
    });
  }

  @Override
  public void event(Event event) {
    switch (event.getType()) {
      case OFFERS -> post(() -> events.offers(event.getOffers().getOffersList()));
      case UPDATE -> post(() -> events.update(event.getUpdate().getStatus()));
      case FAILURE -> post(() -> events.failure(event.getFailure()));
      default -> LOG.debug("ignoring Mesos event {}", event.getType());
    }
  }

  @Override
  public void disconnected(String reason) {
    post(gate::down);
  }

  @Override
  public void failedOver(String message) {
    post(() -> {
      LOG.error("another scheduler took over the framework ({}); this one stops acting", message);
      state.deactivate("another scheduler took over the framework: " + message);
    });
  }

  @Override
  public void frameworkRemoved(String message) {
    post(() -> {
      LOG.error("Mesos removed the framework ({}); every task is gone and will be relaunched under the new framework", message);
      gate.down();
      events.frameworkRemoved();
    });
  }

  @Override
  public void close() {
    if (lifecycle.getAndSet(Lifecycle.CLOSED) != Lifecycle.STARTED) {
      return;
    }
    if (ticks != null) {
      ticks.cancel(false);
    }
    loop.close();
    if (ownedListenerExecutor != null) {
      ownedListenerExecutor.shutdown();
    }
    if (ownedTimers != null) {
      ownedTimers.shutdownNow();
    }
  }

  private interface Command {
    void run() throws Exception;
  }

  private CompletableFuture<Void> command(Command c) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (lifecycle.get() != Lifecycle.STARTED) {
      return CompletableFuture.failedFuture(new IllegalStateException("the scheduler is not running"));
    }
    boolean queued = loop.post(() -> {
      Exception failure = null;
      try {
        c.run();
      } catch (Exception e) {
        failure = e;
      } finally {
        publisher.publish(state, clock.instant());
      }
      // Completed after publishing, so that a caller sees the command's effect in services().
      Exception done = failure;
      listenerExecutor.execute(() -> {
        if (done == null) {
          f.complete(null);
        } else {
          f.completeExceptionally(done);
        }
      });
    });
    if (!queued) {
      f.completeExceptionally(new IllegalStateException("the scheduler is shutting down"));
    }
    return f;
  }

  private void post(Runnable r) {
    loop.post(() -> run(r));
  }

  /** Runs a message and publishes what it changed. Loop only. */
  private void run(Runnable r) {
    try {
      r.run();
    } finally {
      publisher.publish(state, clock.instant());
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures a {@link MultiServiceRunner}. */
  public static final class Builder {
    private final ServiceStore store;
    private SchedulerSettings settings = SchedulerSettings.defaults("");
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timers;
    private Executor listenerExecutor;
    private Ids ids = Ids.random();

    private Builder(ServiceStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    public Builder settings(SchedulerSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /** Timer executor the caller owns (default: the runner's own daemon thread). */
    public Builder timers(ScheduledExecutorService t) {
      this.timers = Objects.requireNonNull(t, "timers");
      return this;
    }

    /** Where listeners and command futures run (default: the runner's own daemon thread). */
    public Builder listenerExecutor(Executor e) {
      this.listenerExecutor = Objects.requireNonNull(e, "listenerExecutor");
      return this;
    }

    public Builder ids(Ids i) {
      this.ids = Objects.requireNonNull(i, "ids");
      return this;
    }

    public MultiServiceRunner build() {
      return new MultiServiceRunner(this);
    }
  }
}

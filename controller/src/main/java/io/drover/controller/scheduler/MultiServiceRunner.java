package io.drover.controller.scheduler;

import io.drover.controller.mesos.KnownTasks;
import io.drover.controller.mesos.SchedulerCalls;
import io.drover.controller.mesos.SchedulerEventListener;
import io.drover.controller.store.ServiceStore;
import io.drover.controller.time.Timers;
import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.Target;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-service scheduler: one Mesos framework running many services, added, updated and
 * removed at run time. One event loop thread owns all scheduler state; Mesos events (this class is
 * the client's {@link SchedulerEventListener}, called directly on the client's dispatch thread, and
 * its {@link KnownTasks}) and timers are messages on its queue, commands ({@link
 * MultiServiceManager}, {@link ServiceOperations}) on a lane that overtakes the queue's waiting
 * messages ({@link EventLoop#commands}); status updates Mesos sends back to back are one message, a
 * burst ({@link StatusBursts}), and so are puts and uninstalls posted back to back, a batch ({@link
 * CommandBatches}); the records of either are stored together. No service code runs under a
 * shared lock; listeners run on a separate executor, command futures complete on the loop. Time
 * comes from the injected {@link Timers} only.
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
  private final Timers timers;
  private final EventLoop ownedLoop;
  private final Executor loop;
  /** Where users' commands go: the loop's lane for them ({@link EventLoop#commands}), or the injected loop. */
  private final Executor commandLane;
  private final ExecutorService ownedListenerExecutor;
  private final ServiceScheduler scheduler;
  private final SchedulerState state;
  private final ReconciliationGate gate;
  private final StatePublisher publisher;
  private final StatusBursts updates;
  private final CommandBatches changes;
  private final ReviveGathering gathering;
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.NEW);
  private MultiServiceEventClient events;
  private ServiceCommands commands;
  private Progress progress;
  private Ticker ticks;
  /** Loop only: a tick's pass over the services is still posting its slices. */
  private boolean tickPassUnderWay;

  MultiServiceRunner(MultiServiceRunnerBuilder b) {
    this.store = b.store;
    this.settings = b.settings;
    this.timers = b.timers;
    this.state = new SchedulerState(timers::now);
    this.gate = new ReconciliationGate(state);
    this.ownedLoop = b.loop == null ? new EventLoop("drover-scheduler") : null;
    this.loop = b.loop != null ? b.loop : ownedLoop;
    this.commandLane = ownedLoop != null ? ownedLoop.commands() : b.loop;
    this.ownedListenerExecutor = b.listenerExecutor == null ? Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "drover-scheduler-listeners");
      t.setDaemon(true);
      return t;
    }) : null;
    this.scheduler = ServiceScheduler.create(settings.perService(), b.ids);
    this.publisher = new StatePublisher(b.listenerExecutor != null ? b.listenerExecutor : ownedListenerExecutor);
    this.updates = new StatusBursts(this::post, statuses -> events.updates(statuses));
    this.changes = new CommandBatches(commandLane, this::changes);
    this.gathering = new ReviveGathering(timers, this::post);
  }

  /**
   * A runner persisting each service's record in {@code store}, reading the time from and setting
   * its timers (the periodic tick) on {@code timers}.
   */
  public static MultiServiceRunnerBuilder builder(ServiceStore store, Timers timers) {
    return new MultiServiceRunnerBuilder(store, timers);
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
    recovered.services().forEach(state::adopt);
    recovered.broken().forEach(state::markBroken);
    Persistence persistence = new Persistence(store, state);
    progress = new Progress(state, gate, scheduler, persistence, publisher, calls, timers, settings, gathering);
    events = new MultiServiceEventClient(state, gate, scheduler, persistence, progress, calls, timers, settings);
    commands = new ServiceCommands(state, scheduler, persistence, progress, publisher, store, timers);
    publisher.publish(state, timers.now());
    if (ownedLoop != null) {
      ownedLoop.start();
    }
    ticks = Ticker.start(timers, settings.tick(), loop, this::tick);
    LOG.info("scheduler recovered {} service(s){}", recovered.services().size(),
        recovered.broken().isEmpty() ? "" : "; unreadable entries left alone: " + recovered.broken().keySet());
    return recovered;
  }

  @Override
  public CompletableFuture<Void> putService(Target target) {
    Objects.requireNonNull(target, "target");
    // The loop stores the document's canonical form; the caller's thread computes it, not the loop.
    target.canonicalJson();
    return change(new ServiceChange.Put(target, new CompletableFuture<>()));
  }

  @Override
  public void expectChanges(BooleanSupplier moreComing) {
    gathering.expect(moreComing);
  }

  @Override
  public CompletableFuture<Void> uninstallService(String name) {
    return change(new ServiceChange.Uninstall(Objects.requireNonNull(name, "name"), new CompletableFuture<>()));
  }

  @Override
  public Map<String, ObservedService> services() {
    return publisher.states();
  }

  @Override
  public ObservedService service(String name) {
    return publisher.state(name);
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
  public Map<TaskID, AgentID> toReconcile() {
    return publisher.toReconcile();
  }

  @Override
  public void subscribed(FrameworkID frameworkId, int heartbeatIntervalSeconds) {
    fromMesos(() -> {
      LOG.info("subscribed as framework {}; each service acts once its tasks are reconciled", frameworkId.getValue());
      state.offersForgotten();
      gate.subscribed();
      wholePass();
    });
  }

  @Override
  public void reconciled() {
    fromMesos(() -> {
      LOG.info("every known task is reconciled; every service may act");
      gate.reconciled();
      wholePass();
    });
  }

  @Override
  public void event(Event event) {
    switch (event.getType()) {
      case OFFERS -> fromMesos(() -> events.offers(event.getOffers().getOffersList()));
      case UPDATE -> updates.add(event.getUpdate().getStatus());
      case FAILURE -> fromMesos(() -> events.failure(event.getFailure()));
      default -> LOG.debug("ignoring Mesos event {}", event.getType());
    }
  }

  @Override
  public void disconnected(String reason) {
    fromMesos(gate::down);
  }

  @Override
  public void failedOver(String message) {
    fromMesos(() -> {
      LOG.error("another scheduler took over the framework ({}); this one stops acting", message);
      state.deactivate("another scheduler took over the framework: " + message);
    });
  }

  @Override
  public void frameworkRemoved(String message) {
    fromMesos(() -> {
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
      ticks.close(); // null when the recovery failed
    }
    if (ownedLoop != null) {
      ownedLoop.close();
    }
    if (ownedListenerExecutor != null) {
      ownedListenerExecutor.shutdown();
    }
  }

  private interface Command {
    void run() throws Exception;
  }

  /** A put or uninstall: joins the batch of those posted just before it ({@link CommandBatches}). */
  private CompletableFuture<Void> change(ServiceChange c) {
    if (lifecycle.get() != Lifecycle.STARTED) {
      return CompletableFuture.failedFuture(new IllegalStateException("the scheduler is not running"));
    }
    changes.add(c);
    return c.done();
  }

  /**
   * Runs a batch of puts and uninstalls, publishes, then completes each command's future: on the
   * loop, after its record was stored and is visible in services(). Loop only.
   */
  private void changes(List<ServiceChange> batch) {
    List<Exception> outcomes;
    try {
      outcomes = commands.change(batch);
    } catch (RuntimeException e) {
      outcomes = Collections.nCopies(batch.size(), e);
    } finally {
      publisher.publish(state, timers.now());
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).complete(outcomes.get(i));
    }
  }

  private CompletableFuture<Void> command(Command c) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    if (lifecycle.get() != Lifecycle.STARTED) {
      return CompletableFuture.failedFuture(new IllegalStateException("the scheduler is not running"));
    }
    changes.seal();
    Runnable message = () -> {
      Exception failure = null;
      try {
        c.run();
      } catch (Exception e) {
        failure = e;
      } finally {
        publisher.publish(state, timers.now());
      }
      // Completed after publishing, so that a caller sees the command's effect in services(); on the
      // loop, which wakes a caller waiting in get() at once (see MultiServiceManager).
      if (failure == null) {
        f.complete(null);
      } else {
        f.completeExceptionally(failure);
      }
    };
    try {
      commandLane.execute(message);
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("the scheduler is shutting down"));
    }
    return f;
  }

  /** A Mesos event other than a status update: after the updates before it, before those after it. */
  private void fromMesos(Runnable r) {
    updates.seal();
    post(r);
  }

  private void post(Runnable r) {
    try {
      loop.execute(() -> run(r));
    } catch (RejectedExecutionException e) {
      LOG.debug("the scheduler is closed; dropping a message: {}", e.getMessage());
    }
  }

  /**
   * The periodic pass over the services with a wake-up time (timers: backoffs, kill retries,
   * teardown timeouts; {@link SchedulerState#awake}), a {@link SlicedPass}: a command or Mesos
   * event that arrives during it waits for one slice. A tick that comes while a pass is under way
   * is skipped. Loop only.
   */
  private void tick() {
    if (tickPassUnderWay) {
      return;
    }
    tickPassUnderWay = true;
    run(() -> SlicedPass.start(state.awake(), progress::advanceDue, progress::checkLaunches,
        () -> tickPassUnderWay = false, this::post));
  }

  /**
   * A new leader's pass over every service, on subscribing and once every task is reconciled
   * (right after the gate moved, in the same message): advances every live service that may act,
   * then updates the offer interest (REVIVE, SUPPRESS) once, at the end. A {@link SlicedPass}, so
   * a user's change written right after a restart waits for one slice, not for 10,000 services.
   * Two such passes may interleave (a reconciliation during the subscription's pass); each
   * advances every service, as when they ran whole. Loop only.
   */
  private void wholePass() {
    SlicedPass.start(state.entries(), progress::advanceLive, progress::interest, () -> { }, this::post);
  }

  /** Runs a message and publishes what it changed. Loop only. */
  private void run(Runnable r) {
    try {
      r.run();
    } finally {
      publisher.publish(state, timers.now());
    }
  }
}

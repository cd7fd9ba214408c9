package io.drover.controller.scheduler;

import io.drover.controller.mesos.SchedulerCalls;
import io.drover.controller.time.Timers;
import io.drover.reconcile.routing.OfferInterest;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.ServiceEvents;
import io.drover.reconcile.service.Kill;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves services forward after every event: asks each service what to do now, persists, sends the
 * kills, finishes teardowns (entry removed, reported once), and keeps offers suppressed or revived.
 * A service acts only once its own tasks are reconciled after the latest SUBSCRIBED ({@link
 * ReconciliationGate}).
 */
final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  private final SchedulerState state;
  private final ReconciliationGate gate;
  private final ServiceScheduler scheduler;
  private final Persistence persistence;
  private final StatePublisher publisher;
  private final SchedulerCalls calls;
  private final Timers timers;
  private final SchedulerSettings settings;
  private final ReviveGathering gathering;

  Progress(SchedulerState state, ReconciliationGate gate, ServiceScheduler scheduler, Persistence persistence,
      StatePublisher publisher, SchedulerCalls calls, Timers timers, SchedulerSettings settings,
      ReviveGathering gathering) {
    this.state = state;
    this.gate = gate;
    this.scheduler = scheduler;
    this.persistence = persistence;
    this.publisher = publisher;
    this.calls = calls;
    this.timers = timers;
    this.settings = settings;
    this.gathering = gathering;
  }

  /** Whether this service may launch, kill and finish things now. */
  boolean acting(ServiceEntry e) {
    return gate.open(e);
  }

  /**
   * One slice of a new leader's pass over every service (on subscribing, once every task is
   * reconciled): advances each of {@code slice} that is still live, due or not. The caller updates
   * the offer interest once the whole pass is done.
   */
  void advanceLive(List<ServiceEntry> slice) {
    advance(live(slice, e -> true));
  }

  /**
   * One slice of the periodic tick's pass over the services with a wake-up time ({@link
   * SchedulerState#awake}): advances those of {@code slice} that are still live and whose latest
   * advance asked to be looked at again by now (or that changed since).
   */
  void advanceDue(List<ServiceEntry> slice) {
    Instant now = timers.now();
    advance(live(slice, e -> e.due(now) && acting(e)));
    interest();
  }

  /**
   * Those of a pass's {@code slice} that are still the service of their name (one removed meanwhile
   * is skipped) and pass {@code filter}.
   */
  private List<ServiceEntry> live(List<ServiceEntry> slice, Predicate<ServiceEntry> filter) {
    List<ServiceEntry> out = new ArrayList<>(slice.size());
    for (ServiceEntry e : slice) {
      if (state.service(e.name()) == e && filter.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  void advance(ServiceEntry e) {
    advance(List.of(e));
  }

  /**
   * Decides for every service, persists the changed records together, then acts for those stored:
   * kills, offer interest, finished teardowns. A service whose record could not be stored does
   * nothing and is tried again at the next tick.
   */
  void advance(List<ServiceEntry> entries) {
    Instant now = timers.now();
    List<ServiceEntry> acting = new ArrayList<>(entries.size());
    List<Decisions.Advance> decided = new ArrayList<>(entries.size());
    List<Persistence.Next> next = new ArrayList<>(entries.size());
    for (ServiceEntry e : entries) {
      if (acting(e)) {
        Decisions.Advance a = scheduler.advance(e.record(), e.pacing(), now);
        acting.add(e);
        decided.add(a);
        next.add(new Persistence.Next(e, a.record()));
      }
    }
    Set<String> unsaved = persistence.adoptAll(next);
    for (int i = 0; i < acting.size(); i++) {
      ServiceEntry e = acting.get(i);
      if (unsaved.contains(e.name())) {
        state.wakeAt(e, Instant.MIN);
      } else {
        applied(e, decided.get(i), now);
      }
    }
  }

  private void applied(ServiceEntry e, Decisions.Advance a, Instant now) {
    e.pace(a.pacing());
    if (!a.notices().isEmpty()) {
      a.notices().forEach(n -> LOG.warn("service {}: {}", e.name(), n));
      a.notices().forEach(n -> e.event(ServiceEvents.notice(n, now)));
      e.note(a.message(e.message()));
    }
    a.kills().forEach(k -> kill(e.name(), k));
    state.wantsOffers(e.name(), a.wantsOffers());
    state.wakeAt(e, a.wakeAt());
    if (a.uninstalled().isPresent()) {
      finishTeardown(e, a.uninstalled().get());
    }
  }

  void kill(String service, Kill k) {
    LOG.info("killing task {} of service {}", k.taskId().getValue(), service);
    calls.kill(k.taskId(), k.agentId());
  }

  private void finishTeardown(ServiceEntry e, Decisions.Uninstalled u) {
    if (!persistence.remove(e.name())) {
      return;
    }
    if (u.forced()) {
      LOG.warn("service {}: {}", e.name(), u.message());
    } else {
      LOG.info("service {}: {}", e.name(), u.message());
    }
    // The last state carries how the teardown ended; listeners see it before "uninstalled".
    e.note(u.message());
    publisher.publish(state, timers.now());
    state.remove(e.name());
    publisher.uninstalled(e.name());
  }

  /**
   * SUPPRESS when no service wants offers; REVIVE (token bucket) when one gains work, or to sweep,
   * held back briefly while more changes are on their way ({@link ReviveGathering}).
   */
  void interest() {
    if (!gate.up()) {
      return;
    }
    Instant now = timers.now();
    OfferInterest.Step step = state.interestStep(anyWantsOffers(), now, settings.revivePacing(), settings.sweep());
    if (gathering.holds(step.action() == OfferInterest.Action.REVIVE, now, this::interest)) {
      return;
    }
    state.adoptInterest(step);
    switch (step.action()) {
      case REVIVE -> calls.revive(List.of());
      case SUPPRESS -> calls.suppress(List.of());
      case NONE -> { }
    }
  }

  /** Whether a service that may act wants offers (one still waiting would not get any). */
  boolean anyWantsOffers() {
    return state.anyWantsOffers(this::acting);
  }

  /** Launches that never got any status (a lost ACCEPT) are reconciled explicitly. */
  void checkLaunches() {
    if (!gate.up()) {
      return;
    }
    Instant now = timers.now();
    List<Call.Reconcile.Task> stale = new ArrayList<>();
    for (ServiceEntry e : state.launching()) {
      if (!acting(e)) {
        continue; // the client is reconciling its tasks already
      }
      for (TaskRecord r : e.silentLaunches(now, settings.launchCheck())) {
        stale.add(Call.Reconcile.Task.newBuilder().setTaskId(r.taskId()).setAgentId(r.agentId()).build());
      }
    }
    if (!stale.isEmpty()) {
      LOG.info("reconciling {} launch(es) that have had no status for {}", stale.size(), settings.launchCheck());
      calls.reconcile(stale);
    }
  }
}

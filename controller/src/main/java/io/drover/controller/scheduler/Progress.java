package io.drover.controller.scheduler;

import io.drover.controller.mesos.SchedulerCalls;
import io.drover.reconcile.routing.OfferInterest;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.Kill;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.TaskCondition;
import io.drover.reconcile.state.TaskRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
  private final Clock clock;
  private final SchedulerSettings settings;

  Progress(SchedulerState state, ReconciliationGate gate, ServiceScheduler scheduler, Persistence persistence,
      StatePublisher publisher, SchedulerCalls calls, Clock clock, SchedulerSettings settings) {
    this.state = state;
    this.gate = gate;
    this.scheduler = scheduler;
    this.persistence = persistence;
    this.publisher = publisher;
    this.calls = calls;
    this.clock = clock;
    this.settings = settings;
  }

  /** Whether this service may launch, kill and finish things now. */
  boolean acting(ServiceEntry e) {
    return gate.open(e);
  }

  void advanceAll() {
    for (ServiceEntry e : state.entries()) {
      advance(e);
    }
    interest();
  }

  void advance(ServiceEntry e) {
    if (!acting(e)) {
      return;
    }
    Instant now = clock.instant();
    Decisions.Advance a = scheduler.advance(e.record, e.pacing, now);
    if (!persistence.adopt(e, a.record())) {
      return;
    }
    if (!a.pacing().equals(e.pacing)) {
      e.pacing = a.pacing();
      publisher.dirty(e.name());
    }
    if (!a.notices().isEmpty()) {
      a.notices().forEach(n -> LOG.warn("service {}: {}", e.name(), n));
      e.message = a.message(e.message);
      publisher.dirty(e.name());
    }
    a.kills().forEach(k -> kill(e.name(), k));
    if (a.wantsOffers()) {
      if (state.wantingOffers.add(e.name())) {
        state.interest = state.interest.gainedWork(); // revive now rather than wait for decline filters
      }
    } else {
      state.wantingOffers.remove(e.name());
    }
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
    e.message = u.message();
    publisher.dirty(e.name());
    publisher.publish(state, clock.instant());
    state.services.remove(e.name());
    state.wantingOffers.remove(e.name());
    publisher.uninstalled(e.name());
  }

  /** SUPPRESS when no service wants offers; REVIVE (token bucket) when one gains work, or to sweep. */
  void interest() {
    if (!gate.up()) {
      return;
    }
    OfferInterest.Step step = state.interest.next(anyWantsOffers(), clock.instant(), settings.revivePacing(), settings.sweep());
    state.interest = step.state();
    switch (step.action()) {
      case REVIVE -> calls.revive(List.of());
      case SUPPRESS -> calls.suppress(List.of());
      case NONE -> { }
    }
  }

  /** Whether a service that may act wants offers (one still waiting would not get any). */
  boolean anyWantsOffers() {
    for (String name : state.wantingOffers) {
      ServiceEntry e = state.services.get(name);
      if (e != null && acting(e)) {
        return true;
      }
    }
    return false;
  }

  /** Launches that never got any status (a lost ACCEPT) are reconciled explicitly. */
  void checkLaunches() {
    if (!gate.up()) {
      return;
    }
    Instant now = clock.instant();
    List<Call.Reconcile.Task> stale = new ArrayList<>();
    for (ServiceEntry e : state.entries()) {
      if (!acting(e)) {
        continue; // the client is reconciling its tasks already
      }
      Map<String, TaskRecord> launched = new HashMap<>();
      for (TaskRecord r : e.record.tasks().values()) {
        if (r.condition() == TaskCondition.LAUNCHED) {
          launched.put(r.taskId().getValue(), r);
        }
      }
      Iterator<Map.Entry<String, Instant>> it = e.launchedAt.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, Instant> l = it.next();
        TaskRecord r = launched.get(l.getKey());
        if (r == null) {
          it.remove();
        } else if (!now.isBefore(l.getValue().plus(settings.launchCheck()))) {
          stale.add(Call.Reconcile.Task.newBuilder().setTaskId(r.taskId()).setAgentId(r.agentId()).build());
          l.setValue(now);
        }
      }
    }
    if (!stale.isEmpty()) {
      LOG.info("reconciling {} launch(es) that have had no status for {}", stale.size(), settings.launchCheck());
      calls.reconcile(stale);
    }
  }
}

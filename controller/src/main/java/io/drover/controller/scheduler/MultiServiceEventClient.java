package io.drover.controller.scheduler;

import com.google.common.collect.Sets;
import io.drover.controller.mesos.SchedulerCalls;
import io.drover.controller.time.Timers;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.offer.OfferPools;
import io.drover.reconcile.pod.TaskIds;
import io.drover.reconcile.routing.OfferRouter;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.RoundWaits;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.Pacing;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.TaskStateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes Mesos events to services, on the event loop. Offers: every service that wants offers, in
 * turn (the first rotates per round), each seeing what earlier ones left; records are persisted before the ACCEPTs
 * go out (all of a round's records together, in as few ZooKeeper requests as fit), and a service
 * whose record could not be stored has its operations left out of them (the others' go out all the
 * same); unused offers are declined, for long when no service wants anything. Only services whose
 * tasks are reconciled take part in a round; the others' reservations are left alone. Status
 * updates, a burst at a time: each to the service named in the task id, the records persisted
 * together, then each update acknowledged; a task no service knows is killed once. An agent Mesos
 * reports lost has its tasks reconciled.
 */
final class MultiServiceEventClient {
  private static final Logger LOG = LoggerFactory.getLogger(MultiServiceEventClient.class);

  private final SchedulerState state;
  private final ReconciliationGate gate;
  private final ServiceScheduler scheduler;
  private final Persistence persistence;
  private final Progress progress;
  private final SchedulerCalls calls;
  private final Timers timers;
  private final SchedulerSettings settings;

  MultiServiceEventClient(SchedulerState state, ReconciliationGate gate, ServiceScheduler scheduler,
      Persistence persistence, Progress progress, SchedulerCalls calls, Timers timers, SchedulerSettings settings) {
    this.state = state;
    this.gate = gate;
    this.scheduler = scheduler;
    this.persistence = persistence;
    this.progress = progress;
    this.calls = calls;
    this.timers = timers;
    this.settings = settings;
  }

  void offers(List<Offer> offers) {
    state.offersHandled();
    if (!gate.up()) {
      decline(offers.stream().map(Offer::getId).toList(), settings.shortDecline());
      return;
    }
    Instant now = timers.now();
    // Only services that may act and want offers (launch, reserve or release work) or have
    // reservations in them take part; the others, unreadable entries and services still waiting
    // for their tasks sit out, and their reservations stay theirs. A round costs what the
    // interested services cost, not every service.
    List<OfferPool> pools = OfferPools.of(offers);
    List<ServiceEntry> entries = state.interested(OfferRouter.reservedNamespaces(pools), progress::acting);
    List<OfferRouter.Entry> route = new ArrayList<>(entries.size());
    for (ServiceEntry e : entries) {
      route.add(new OfferRouter.Entry(e.record(), e.pacing()));
    }
    Set<String> held = Sets.union(state.names(), state.brokenNames());
    OfferRouter.Routed routed = OfferRouter.route(pools, route, held, state.nextRound(now), scheduler, now);
    // Every record of the round is stored, together, before any ACCEPT goes out; a service whose
    // record could not be stored has its operations dropped from the ACCEPTs, the others' go out.
    Map<String, ServiceRecord> before = new HashMap<>();
    List<Persistence.Next> next = new ArrayList<>(entries.size());
    for (ServiceEntry e : entries) {
      before.put(e.name(), e.record());
      next.add(new Persistence.Next(e, routed.records().get(e.name())));
    }
    Set<String> unsaved = persistence.adoptAll(next);
    for (ServiceEntry e : entries) {
      if (!unsaved.contains(e.name())) {
        noteLaunches(e, before.get(e.name()), now);
      }
    }
    List<OfferID> unused = new ArrayList<>();
    for (OfferPool routedPool : routed.pools()) {
      OfferPool pool = unsaved.isEmpty() ? routedPool : routedPool.withoutOperationsOf(unsaved);
      if (pool.used()) {
        calls.accept(pool.offerIds(), pool.operations(), filters(settings.shortDecline()));
      } else {
        unused.addAll(pool.offerIds());
      }
    }
    // Only the services in this round learn why they wait; the others' memories age in place. They
    // are advanced after the ACCEPTs went out, so a teardown this round's releases finish is
    // reported done only once those releases are on their way to Mesos.
    List<ServiceEntry> advanced = new ArrayList<>(entries.size());
    for (ServiceEntry e : entries) {
      if (state.service(e.name()) == e) {
        RoundWaits round = unsaved.contains(e.name()) ? RoundWaits.NONE : routed.waits().getOrDefault(e.name(), RoundWaits.NONE);
        e.waited(e.waits().after(round, now), now);
        advanced.add(e);
      }
    }
    progress.advance(advanced);
    // Declined before the offer interest is updated: a REVIVE owed since this round's offers were
    // made then follows the round's answers and clears the filters they set, so the master offers
    // the leftovers again at once to the services that arrived during the round.
    boolean wanted = progress.anyWantsOffers();
    if (!unused.isEmpty()) {
      decline(unused, wanted ? settings.shortDecline() : settings.longDecline());
      state.declined(!wanted);
    }
    progress.interest();
  }

  private static void noteLaunches(ServiceEntry e, ServiceRecord before, Instant now) {
    for (TaskRecord r : e.record().tasks().values()) {
      TaskRecord was = before.tasks().get(r.info().getName());
      if (was == null || !was.taskId().equals(r.taskId())) {
        e.launched(r.taskId(), now);
        LOG.info("launching {} of service {} on {}", r.taskId().getValue(), e.name(), r.hostname());
      }
    }
  }

  /**
   * A burst of status updates, in the order Mesos sent them: each is decided on the record its
   * predecessors left, the changed records are stored together, and only then is each update
   * acknowledged. A service whose record could not be stored acknowledges none of its updates
   * (Mesos sends them again) and keeps its old record.
   */
  void updates(List<TaskStatus> statuses) {
    if (!state.active()) {
      return; // another scheduler owns the framework now; it gets the updates again
    }
    Instant now = timers.now();
    Map<String, Updated> byService = new LinkedHashMap<>();
    for (TaskStatus status : statuses) {
      Optional<String> owner = TaskIds.serviceOf(status.getTaskId());
      ServiceEntry e = owner.map(state::service).orElse(null);
      if (owner.isPresent() && state.isBroken(owner.get())) {
        calls.acknowledge(status); // a broken entry's tasks are left alone
        continue;
      }
      if (e == null) {
        unknown(status);
        continue;
      }
      Updated u = byService.computeIfAbsent(e.name(), name -> new Updated(e));
      Decisions.Status d = scheduler.status(u.record, u.pacing, status, now);
      if (!d.known()) {
        unknown(status);
        continue;
      }
      u.record = d.record();
      u.pacing = d.pacing();
      u.statuses.add(status);
    }
    if (byService.isEmpty()) {
      return;
    }
    List<Persistence.Next> next = new ArrayList<>(byService.size());
    byService.values().forEach(u -> next.add(new Persistence.Next(u.entry, u.record)));
    Set<String> unsaved = persistence.adoptAll(next);
    List<ServiceEntry> saved = new ArrayList<>(byService.size());
    for (Updated u : byService.values()) {
      if (unsaved.contains(u.entry.name())) {
        continue; // not acknowledged: Mesos sends them again
      }
      u.entry.pace(u.pacing);
      for (TaskStatus status : u.statuses) {
        u.entry.statusArrived(status.getTaskId());
        gate.answered(u.entry, status.getTaskId());
        calls.acknowledge(status);
      }
      saved.add(u.entry);
    }
    progress.advance(saved);
    progress.interest();
  }

  /** A service's record and pacing as the updates of one burst leave them, before they are stored. */
  private static final class Updated {
    final ServiceEntry entry;
    final List<TaskStatus> statuses = new ArrayList<>();
    ServiceRecord record;
    Pacing pacing;

    Updated(ServiceEntry entry) {
      this.entry = entry;
      this.record = entry.record();
      this.pacing = entry.pacing();
    }
  }

  /**
   * A FAILURE event. For an agent Mesos removed (unreachable or gone) its tasks, ended ones
   * included, are reconciled: the answers say whether their reservations still exist.
   */
  void failure(Event.Failure failure) {
    if (!failure.hasAgentId() || failure.hasExecutorId() || !gate.up()) {
      LOG.info("Mesos failure event: {}", failure);
      return;
    }
    List<Call.Reconcile.Task> tasks = new ArrayList<>();
    for (ServiceEntry e : state.entries()) {
      ServiceScheduler.reconcilable(e.record()).forEach((task, agent) -> {
        if (failure.getAgentId().equals(agent)) {
          tasks.add(Call.Reconcile.Task.newBuilder().setTaskId(task).setAgentId(agent).build());
        }
      });
    }
    LOG.warn("Mesos lost agent {}; reconciling its {} task(s)", failure.getAgentId().getValue(), tasks.size());
    if (!tasks.isEmpty()) {
      calls.reconcile(tasks);
    }
  }

  /** The framework was removed: every task it had is gone; relaunch them all. */
  void frameworkRemoved() {
    Instant now = timers.now();
    for (ServiceEntry e : state.entries()) {
      for (TaskRecord r : e.record().tasks().values()) {
        if (!r.condition().terminal()) {
          TaskStatus lost = TaskStatus.newBuilder().setTaskId(r.taskId()).setAgentId(r.agentId())
              .setState(TaskState.TASK_LOST).setSource(TaskStatus.Source.SOURCE_MASTER)
              .setReason(TaskStatus.Reason.REASON_FRAMEWORK_REMOVED)
              .setMessage("the framework was removed by Mesos").build();
          Decisions.Status d = scheduler.status(e.record(), e.pacing(), lost, now);
          if (persistence.adopt(e, d.record())) {
            e.pace(d.pacing());
          }
        }
      }
    }
  }

  private void unknown(TaskStatus status) {
    String id = status.getTaskId().getValue();
    if (!TaskStateMachine.condition(status).terminal() && state.active() && state.firstKillOfUnknown(id)) {
      LOG.warn("killing task {}: no service knows it ({})", id, status.getState());
      calls.kill(status.getTaskId(), status.hasAgentId() ? status.getAgentId() : null);
    }
    calls.acknowledge(status);
  }

  private void decline(List<OfferID> ids, Duration refuse) {
    if (!ids.isEmpty()) {
      calls.decline(ids, filters(refuse));
    }
  }

  private static Filters filters(Duration refuse) {
    return Filters.newBuilder().setRefuseSeconds(refuse.toMillis() / 1000.0).build();
  }
}

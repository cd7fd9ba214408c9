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
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.TaskStateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * go out, and a service whose record could not be stored has its operations left out of them (the
 * others' go out all the same); unused offers are declined, for long when no service wants anything. Only services whose
 * tasks are reconciled take part in a round; the others' reservations are left alone. Status
 * updates: to the service named in the task id, persisted, then acknowledged; a task no service
 * knows is killed once. An agent Mesos reports lost has its tasks reconciled.
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
    Set<String> unsaved = new TreeSet<>();
    for (ServiceEntry e : entries) {
      ServiceRecord before = e.record();
      ServiceRecord after = routed.records().get(e.name());
      if (!persistence.adopt(e, after)) {
        unsaved.add(e.name()); // its operations are dropped below; the others' still go out
        continue;
      }
      for (TaskRecord r : after.tasks().values()) {
        TaskRecord was = before.tasks().get(r.info().getName());
        if (was == null || !was.taskId().equals(r.taskId())) {
          e.launched(r.taskId(), now);
          LOG.info("launching {} of service {} on {}", r.taskId().getValue(), e.name(), r.hostname());
        }
      }
    }
    // Only the services in this round learn why they wait; the others' memories age in place.
    for (ServiceEntry e : entries) {
      if (state.service(e.name()) == e) {
        RoundWaits round = unsaved.contains(e.name()) ? RoundWaits.NONE : routed.waits().getOrDefault(e.name(), RoundWaits.NONE);
        e.waited(e.waits().after(round, now), now);
        progress.advance(e);
      }
    }
    progress.interest();
    boolean wanted = progress.anyWantsOffers();
    Duration refuse = wanted ? settings.shortDecline() : settings.longDecline();
    List<OfferID> unused = new ArrayList<>();
    for (OfferPool routedPool : routed.pools()) {
      OfferPool pool = unsaved.isEmpty() ? routedPool : routedPool.withoutOperationsOf(unsaved);
      if (pool.used()) {
        calls.accept(pool.offerIds(), pool.operations(), filters(settings.shortDecline()));
      } else {
        unused.addAll(pool.offerIds());
      }
    }
    if (!unused.isEmpty()) {
      decline(unused, refuse);
      state.declined(!wanted);
    }
  }

  void update(TaskStatus status) {
    if (!state.active()) {
      return; // another scheduler owns the framework now; it gets the update again
    }
    Optional<String> owner = TaskIds.serviceOf(status.getTaskId());
    ServiceEntry e = owner.map(state::service).orElse(null);
    if (owner.isPresent() && state.isBroken(owner.get())) {
      calls.acknowledge(status); // a broken entry's tasks are left alone
      return;
    }
    if (e == null) {
      unknown(status);
      return;
    }
    Decisions.Status d = scheduler.status(e.record(), e.pacing(), status, timers.now());
    if (!d.known()) {
      unknown(status);
      return;
    }
    if (!persistence.adopt(e, d.record())) {
      return; // not acknowledged: Mesos sends it again
    }
    e.pace(d.pacing());
    e.statusArrived(status.getTaskId());
    gate.answered(e, status.getTaskId());
    calls.acknowledge(status);
    progress.advance(e);
    progress.interest();
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

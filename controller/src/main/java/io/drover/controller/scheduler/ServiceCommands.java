package io.drover.controller.scheduler;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.controller.store.ServiceStore;
import io.drover.controller.time.Timers;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.ServiceEvents;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of {@link MultiServiceManager} and {@link ServiceOperations}, run on the event
 * loop. Each returns normally once its effect is persisted, or throws an exception that says what
 * is wrong; the runner turns that into the command's future.
 */
final class ServiceCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceCommands.class);

  private final SchedulerState state;
  private final ServiceScheduler scheduler;
  private final Persistence persistence;
  private final Progress progress;
  private final StatePublisher publisher;
  private final ServiceStore store;
  private final Timers timers;

  ServiceCommands(SchedulerState state, ServiceScheduler scheduler, Persistence persistence, Progress progress,
      StatePublisher publisher, ServiceStore store, Timers timers) {
    this.state = state;
    this.scheduler = scheduler;
    this.persistence = persistence;
    this.progress = progress;
    this.publisher = publisher;
    this.store = store;
    this.timers = timers;
  }

  void put(ServiceResource resource, long generation) throws Exception {
    requireActive();
    String name = resource.name();
    Optional<String> broken = state.brokenReason(name);
    if (broken.isPresent()) {
      throw new IllegalStateException("service " + name + " cannot be updated: the scheduler cannot read its stored state at "
          + store.path(name) + " (" + broken.get() + "); delete the service to drop that entry, or repair it and restart the controller");
    }
    ServiceResource r = Services.withDefaults(resource);
    Target target = Target.of(Services.specHash(r), generation, r);
    ServiceEntry e = state.service(name);
    Decisions.Put d = scheduler.put(e == null ? null : e.record(), target);
    if (d instanceof Decisions.Rejected rejected) {
      e.note("update to generation " + generation + " rejected: " + String.join("; ", rejected.reasons()));
      e.event(ServiceEvents.rejected(generation, rejected.reasons(), timers.now()));
      throw new UpdateRejectedException(rejected.reasons());
    }
    ServiceRecord next = ((Decisions.Accepted) d).record();
    if (e == null) {
      e = persistence.create(next);
      e.event(ServiceEvents.configured(target, true, timers.now()));
      LOG.info("service {} added (generation {}, config {})", name, generation, target.specHash());
    } else {
      boolean changed = !e.record().target().specHash().equals(target.specHash());
      if (!persistence.adopt(e, next)) {
        throw new IllegalStateException("could not store the new target of service " + name + "; try again");
      }
      e.note(null);
      if (changed) {
        e.event(ServiceEvents.configured(target, false, timers.now()));
        LOG.info("service {} updated to generation {} (config {})", name, generation, target.specHash());
      }
    }
    progress.advance(e);
    progress.interest();
  }

  void uninstall(String name) throws Exception {
    requireActive();
    if (state.isBroken(name)) {
      if (persistence.remove(name)) {
        state.dropBroken(name);
        LOG.warn("dropped the unreadable entry of service {}; its tasks are killed as unknown and its reservations released", name);
        publisher.uninstalled(name);
        return;
      }
      throw new IllegalStateException("could not remove the entry of service " + name + "; try again");
    }
    ServiceEntry e = state.service(name);
    if (e == null) {
      publisher.uninstalled(name);
      return;
    }
    if (!persistence.adopt(e, scheduler.uninstall(e.record(), timers.now()))) {
      throw new IllegalStateException("could not store the uninstall marker of service " + name + "; try again");
    }
    LOG.info("service {}: teardown started", name);
    progress.advance(e);
    progress.interest();
  }

  void restart(String service, String instance) {
    requireActive();
    ServiceEntry e = entry(service);
    Decisions.Command c = scheduler.restart(e.record(), e.pacing(), instanceId(instance), timers.now());
    e.pace(c.pacing());
    e.event(ServiceEvents.operator("restart", instance, timers.now()));
    if (progress.acting(e)) {
      // Before its tasks are reconciled the kills would act on stale state; the restart is then a no-op.
      c.kills().forEach(k -> progress.kill(service, k));
    }
  }

  void replace(String service, String instance) {
    requireActive();
    ServiceEntry e = entry(service);
    Decisions.Command c = scheduler.replace(e.record(), e.pacing(), instanceId(instance));
    if (!persistence.adopt(e, c.record())) {
      throw new IllegalStateException("could not store the replacement of " + instance + "; try again");
    }
    e.pace(c.pacing());
    e.event(ServiceEvents.operator("replace", instance, timers.now()));
    progress.advance(e);
    progress.interest();
  }

  void pause(String service, String plan, boolean paused) {
    requireActive();
    ServiceEntry e = entry(service);
    if (!persistence.adopt(e, scheduler.pause(e.record(), plan, paused))) {
      throw new IllegalStateException("could not store the plan state of service " + service + "; try again");
    }
    progress.advance(e);
    progress.interest();
  }

  private ServiceEntry entry(String service) {
    ServiceEntry e = state.service(service);
    if (e == null) {
      throw new IllegalArgumentException("no service named " + service + " (known: " + state.names() + ")");
    }
    return e;
  }

  private void requireActive() {
    if (!state.active()) {
      throw new IllegalStateException("this scheduler no longer acts (" + state.inactiveReason() + ")");
    }
  }

  /** {@code <pod>-<index>}: the index is what follows the last dash. */
  static InstanceId instanceId(String name) {
    int dash = name == null ? -1 : name.lastIndexOf('-');
    if (dash <= 0 || dash == name.length() - 1 || !name.substring(dash + 1).chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("pod instance '" + name + "' must look like <pod>-<index>, e.g. hello-0");
    }
    return InstanceId.of(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
  }
}

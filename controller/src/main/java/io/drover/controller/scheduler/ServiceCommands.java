package io.drover.controller.scheduler;

import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.ServiceStore;
import io.drover.controller.time.Timers;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.service.Decisions;
import io.drover.reconcile.service.ServiceEvents;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands of {@link MultiServiceManager} and {@link ServiceOperations}, run on the event
 * loop. Puts and uninstalls run in batches whose records are stored together ({@link #change});
 * each of the others returns normally once its effect is persisted, or throws an exception that
 * says what is wrong. The runner turns the outcomes into the commands' futures.
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

  /**
   * Runs a batch of puts and uninstalls: decides each, stores the records of all of them together
   * ({@link Persistence#commitAll}), then advances the services stored. A service named twice is
   * decided the second time on what the first stored (the batch is split there), so each service's
   * commands keep their order. Returns each command's failure, null for one that succeeded, in the
   * batch's order.
   */
  List<Exception> change(List<ServiceChange> batch) {
    Exception[] outcomes = new Exception[batch.size()];
    int from = 0;
    while (from < batch.size()) {
      Set<String> names = new HashSet<>();
      int to = from;
      while (to < batch.size() && names.add(batch.get(to).name())) {
        to++;
      }
      changeTogether(batch.subList(from, to), outcomes, from);
      from = to;
    }
    return Arrays.asList(outcomes);
  }

  /** A command's decided change, to store; {@code entry} is null for a new service. */
  private record Staged(int index, ServiceChange command, ServiceEntry entry, ServiceStore.Change change) {}

  /** Commands of different services: decided one by one, stored together, applied. */
  private void changeTogether(List<ServiceChange> commands, Exception[] outcomes, int offset) {
    List<Staged> staged = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      ServiceChange c = commands.get(i);
      try {
        Optional<ServiceStore.Change> change = c instanceof ServiceChange.Put put
            ? Optional.of(decidePut(put.target()))
            : decideUninstall(c.name());
        if (change.isPresent()) {
          staged.add(new Staged(offset + i, c, state.service(c.name()), change.get()));
        }
      } catch (Exception e) {
        outcomes[offset + i] = e;
      }
    }
    if (staged.isEmpty()) {
      return;
    }
    Map<String, Exception> failed = persistence.commitAll(staged.stream().map(Staged::change).toList());
    List<ServiceEntry> stored = new ArrayList<>(staged.size());
    for (Staged s : staged) {
      Exception failure = failed.get(s.command().name());
      if (failure != null) {
        outcomes[s.index()] = failure instanceof FencedWriteException ? failure : new IllegalStateException(
            "could not store " + (s.command() instanceof ServiceChange.Put ? "the new target" : "the uninstall marker")
                + " of service " + s.command().name() + "; try again", failure);
      } else {
        stored.add(applied(s));
      }
    }
    if (!stored.isEmpty()) {
      progress.advance(stored);
      progress.interest();
    }
  }

  /** The change a put makes; throws when it is refused or cannot be made. */
  private ServiceStore.Change decidePut(Target target) throws UpdateRejectedException {
    requireActive();
    String name = target.name();
    long generation = target.generation();
    Optional<String> broken = state.brokenReason(name);
    if (broken.isPresent()) {
      throw new IllegalStateException("service " + name + " cannot be updated: the scheduler cannot read its stored state at "
          + store.path(name) + " (" + broken.get() + "); delete the service to drop that entry, or repair it and restart the controller");
    }
    ServiceEntry e = state.service(name);
    Decisions.Put d = scheduler.put(e == null ? null : e.record(), target);
    if (d instanceof Decisions.Rejected rejected) {
      e.note("update to generation " + generation + " rejected: " + String.join("; ", rejected.reasons()));
      e.event(ServiceEvents.rejected(generation, rejected.reasons(), timers.now()));
      throw new UpdateRejectedException(rejected.reasons());
    }
    return new ServiceStore.Change(e == null ? null : e.record(), ((Decisions.Accepted) d).record());
  }

  /**
   * The change an uninstall makes, or none when it is done already: an unknown service is reported
   * uninstalled, an unreadable entry is removed at once.
   */
  private Optional<ServiceStore.Change> decideUninstall(String name) {
    requireActive();
    if (state.isBroken(name)) {
      if (!persistence.remove(name)) {
        throw new IllegalStateException("could not remove the entry of service " + name + "; try again");
      }
      state.dropBroken(name);
      LOG.warn("dropped the unreadable entry of service {}; its tasks are killed as unknown and its reservations released", name);
      publisher.uninstalled(name);
      return Optional.empty();
    }
    ServiceEntry e = state.service(name);
    if (e == null) {
      publisher.uninstalled(name);
      return Optional.empty();
    }
    return Optional.of(new ServiceStore.Change(e.record(), scheduler.uninstall(e.record(), timers.now())));
  }

  /** A staged command's record is stored: what it changed is noted; returns the service's entry. */
  private ServiceEntry applied(Staged s) {
    ServiceRecord next = s.change().after();
    ServiceEntry e = state.service(next.name());
    Target target = next.target();
    if (s.command() instanceof ServiceChange.Uninstall) {
      LOG.info("service {}: teardown started", next.name());
    } else if (s.entry() == null) {
      e.event(ServiceEvents.configured(target, true, timers.now()));
      LOG.info("service {} added (generation {}, config {})", next.name(), target.generation(), target.specHash());
    } else {
      e.note(null);
      if (!s.change().before().target().specHash().equals(target.specHash())) {
        e.event(ServiceEvents.configured(target, false, timers.now()));
        LOG.info("service {} updated to generation {} (config {})", next.name(), target.generation(), target.specHash());
      }
    }
    return e;
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

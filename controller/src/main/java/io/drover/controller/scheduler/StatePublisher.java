package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.service.ServiceScheduler;
import io.drover.reconcile.service.ServiceReport;
import io.drover.reconcile.state.ServiceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the event loop decided to the outside: every service's {@link ObservedService} and
 * the tasks to reconcile (for the client's explicit reconciliation).
 *
 * <p>Per-service values are immutable and replaced in place in concurrent maps, so a message costs
 * work proportional to the services it changed, not to all services. The whole-map view returned by
 * {@link #states()} is built on demand and cached until the next change; it holds at least every
 * state published before the call (a state changed concurrently may or may not be in it). Listeners
 * are called on their own executor, never on the event loop, only when a state really changed, and
 * only after that state is visible to {@link #states()}.
 */
final class StatePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);
  /** Services changed at once from which their states are computed in parallel: below, a hand-off costs more than it saves. */
  static final int PARALLEL_FROM = 256;

  private final Executor listenerExecutor;
  private final List<ObservedServiceListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, ObservedService> states = new ConcurrentHashMap<>();
  private final Map<String, Map<TaskID, AgentID>> known = new ConcurrentHashMap<>();
  /** Bumped by the loop after each batch of changes; a cached view is valid for one version. */
  private final AtomicLong version = new AtomicLong();
  private volatile Snapshot snapshot = new Snapshot(0, Map.of());

  private record Snapshot(long version, Map<String, ObservedService> states) { }

  StatePublisher(Executor listenerExecutor) {
    this.listenerExecutor = listenerExecutor;
  }

  void addListener(ObservedServiceListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  /** An immutable view of every service's state; rebuilt only when something changed. Any thread. */
  Map<String, ObservedService> states() {
    // Read the version before copying: the copy then holds every change made before that bump.
    long v = version.get();
    Snapshot s = snapshot;
    if (s.version() == v) {
      return s.states();
    }
    Map<String, ObservedService> copy = Map.copyOf(states);
    snapshot = new Snapshot(v, copy);
    return copy;
  }

  /** One service's latest state, or null; no snapshot is built. Any thread. */
  ObservedService state(String name) {
    return states.get(name);
  }

  Map<TaskID, AgentID> toReconcile() {
    Map<TaskID, AgentID> out = new HashMap<>();
    known.values().forEach(out::putAll);
    return out;
  }

  /** Recomputes the states of the services the state says changed, and notifies listeners of real changes. Loop only. */
  void publish(SchedulerState state, Instant now) {
    List<String> dirty = state.takeChanged();
    if (dirty.isEmpty()) {
      return;
    }
    List<ServiceEntry> entries = dirty.stream().map(state::service).toList();
    ObservedService[] computed = compute(entries, now);
    List<ObservedService> changed = new ArrayList<>();
    boolean any = false;
    for (int i = 0; i < dirty.size(); i++) {
      String name = dirty.get(i);
      ServiceEntry e = entries.get(i);
      Optional<String> broken = e == null ? state.brokenReason(name) : Optional.empty();
      ObservedService s;
      if (e != null) {
        s = computed[i];
        known.put(name, ServiceScheduler.reconcilable(e.record()));
      } else if (broken.isPresent()) {
        s = new ObservedService(name, -1, null, ObservedService.Lifecycle.DEGRADED, List.of(), List.of(),
            "the scheduler cannot read its stored state of this service: " + broken.get()
                + "; its tasks are left alone. Delete the service to drop that entry, or repair it and restart the controller");
        known.remove(name);
      } else {
        any |= states.remove(name) != null;
        known.remove(name);
        continue;
      }
      ObservedService old = states.put(name, s);
      if (!s.equals(old)) {
        changed.add(s);
        any = true;
      }
    }
    if (any) {
      version.incrementAndGet();
    }
    // The maps are updated before notifying: a listener that reads services() sees at least what it is told.
    changed.forEach(s -> notify(l -> l.changed(s)));
  }

  /**
   * The state of each entry (null for none). Pure work on values the loop does not change while it
   * waits here, so many at once (a new term publishes every recovered service: 10,000 took a
   * restart's last second on one thread) are computed on the common pool too, using every core.
   */
  private static ObservedService[] compute(List<ServiceEntry> entries, Instant now) {
    ObservedService[] out = new ObservedService[entries.size()];
    IntStream all = IntStream.range(0, out.length);
    (out.length >= PARALLEL_FROM ? all.parallel() : all).forEach(i -> {
      ServiceEntry e = entries.get(i);
      out[i] = e == null ? null : of(e, now);
    });
    return out;
  }

  /** A finished teardown: reported exactly once, after its state is dropped. Loop only. */
  void uninstalled(String name) {
    states.remove(name);
    known.remove(name);
    version.incrementAndGet();
    notify(l -> l.uninstalled(name));
  }

  static ObservedService of(ServiceEntry e, Instant now) {
    ServiceRecord r = e.record();
    return new ObservedService(
        r.name(),
        r.target().generation(),
        r.target().specHash(),
        ServiceScheduler.lifecycle(r),
        ServiceReport.plans(r, e.pacing(), e.waits(), now),
        ServiceReport.tasks(r),
        e.message(),
        e.events());
  }

  private void notify(Consumer<ObservedServiceListener> call) {
    for (ObservedServiceListener l : listeners) {
      listenerExecutor.execute(() -> {
        try {
          call.accept(l);
        } catch (RuntimeException ex) {
          LOG.warn("a service state listener failed", ex);
        }
      });
    }
  }
}

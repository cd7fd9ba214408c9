package io.drover.controller.scheduler;

import io.drover.reconcile.service.ServiceReconciler;
import io.drover.reconcile.service.ServiceReport;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the event loop decided to the outside: a consistent snapshot of every service's
 * {@link ServiceState} and of the non-terminal tasks (for the client's explicit reconciliation).
 * Snapshots are immutable maps swapped atomically; listeners are called on their own executor,
 * never on the event loop, and only when a state really changed.
 */
final class StatePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);

  private final Executor listenerExecutor;
  private final List<ServiceStateListener> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> dirty = new LinkedHashSet<>();
  private volatile Map<String, ServiceState> states = Map.of();
  private volatile Map<String, Map<TaskID, AgentID>> known = Map.of();

  StatePublisher(Executor listenerExecutor) {
    this.listenerExecutor = listenerExecutor;
  }

  void addListener(ServiceStateListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  Map<String, ServiceState> states() {
    return states;
  }

  Map<TaskID, AgentID> nonTerminal() {
    Map<TaskID, AgentID> out = new HashMap<>();
    known.values().forEach(out::putAll);
    return out;
  }

  /** Marks a service for recomputation at the end of the current message. Loop only. */
  void dirty(String name) {
    dirty.add(name);
  }

  /** Recomputes the dirty services' states and notifies listeners of real changes. Loop only. */
  void publish(SchedulerState state, Instant now) {
    if (dirty.isEmpty()) {
      return;
    }
    Map<String, ServiceState> nextStates = new TreeMap<>(states);
    Map<String, Map<TaskID, AgentID>> nextKnown = new TreeMap<>(known);
    for (String name : dirty) {
      ServiceEntry e = state.services.get(name);
      ServiceState s;
      if (e != null) {
        s = of(e, now);
        nextKnown.put(name, nonTerminal(e.record));
      } else if (state.broken.containsKey(name)) {
        s = new ServiceState(name, -1, null, ServiceState.Lifecycle.DEGRADED, List.of(), List.of(),
            "the scheduler cannot read its stored state of this service: " + state.broken.get(name)
                + "; its tasks are left alone. Delete the service to drop that entry, or repair it and restart the controller");
        nextKnown.remove(name);
      } else {
        nextStates.remove(name);
        nextKnown.remove(name);
        continue;
      }
      ServiceState old = nextStates.put(name, s);
      if (!s.equals(old)) {
        notify(l -> l.changed(s));
      }
    }
    dirty.clear();
    states = Map.copyOf(nextStates);
    known = Map.copyOf(nextKnown);
  }

  /** A finished teardown: reported exactly once, after its state is dropped. Loop only. */
  void uninstalled(String name) {
    dirty.remove(name);
    Map<String, ServiceState> s = new TreeMap<>(states);
    s.remove(name);
    states = Map.copyOf(s);
    Map<String, Map<TaskID, AgentID>> k = new TreeMap<>(known);
    k.remove(name);
    known = Map.copyOf(k);
    notify(l -> l.uninstalled(name));
  }

  static ServiceState of(ServiceEntry e, Instant now) {
    ServiceRecord r = e.record;
    return new ServiceState(
        r.name(),
        r.target().generation(),
        r.target().configId(),
        ServiceState.Lifecycle.valueOf(ServiceReconciler.lifecycle(r).name()),
        ServiceReport.plans(r, e.pacing, now),
        ServiceReport.tasks(r),
        e.message);
  }

  private static Map<TaskID, AgentID> nonTerminal(ServiceRecord r) {
    Map<TaskID, AgentID> out = new HashMap<>();
    for (TaskRecord t : r.tasks().values()) {
      if (!t.condition().terminal()) {
        out.put(t.taskId(), t.agentId());
      }
    }
    return Map.copyOf(out);
  }

  private void notify(Consumer<ServiceStateListener> call) {
    for (ServiceStateListener l : listeners) {
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

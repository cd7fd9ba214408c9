package io.drover.reconcile.service;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.ServiceEvent;
import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.Objects;

/**
 * The observed model: what the scheduler reports about a service it runs (its accepted target and
 * how far the tasks on Mesos are from it). The scheduler publishes one per service; the reconcile
 * decision and the status derivation read it; the HTTP API and metrics show it.
 *
 * @param name the service
 * @param generation the generation of the accepted target spec (-1 when the stored state is unreadable)
 * @param specHash the spec hash of the accepted target (null when the stored state is unreadable)
 * @param message the latest notable event from the scheduler (a rejected update, a forced teardown), or null
 * @param events the scheduler's latest events of the service, oldest first (at most {@link EventHistory#SIZE})
 */
public record ObservedService(
    String name,
    long generation,
    String specHash,
    Lifecycle lifecycle,
    List<PlanStatus> plans,
    List<TaskRow> tasks,
    String message,
    List<ServiceEvent> events) {

  /** A view without events. */
  public ObservedService(String name, long generation, String specHash, Lifecycle lifecycle, List<PlanStatus> plans,
      List<TaskRow> tasks, String message) {
    this(name, generation, specHash, lifecycle, plans, tasks, message, List.of());
  }

  /** Where a service is in its life, derived from its stored record. */
  public enum Lifecycle {
    /** The first rollout has not completed yet. */
    DEPLOYING,
    /** The target is deployed and every task is at its goal. */
    RUNNING,
    /** A newer target is rolling out. */
    UPDATING,
    /** The target is deployed but some task is not at its goal (recovering, unreachable), or the stored state is unreadable. */
    DEGRADED,
    /** Being torn down. */
    UNINSTALLING
  }

  public ObservedService {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lifecycle, "lifecycle");
    plans = plans == null ? List.of() : List.copyOf(plans);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    events = events == null ? List.of() : List.copyOf(events);
  }

  public boolean uninstalling() {
    return lifecycle == Lifecycle.UNINSTALLING;
  }
}

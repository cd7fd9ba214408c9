package io.drover.reconcile.controller;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.Objects;

/**
 * The observed model: what the scheduler reports about a service it runs (its accepted target and
 * how far the tasks on Mesos are from it).
 *
 * @param generation the generation of the accepted target spec
 * @param specHash the spec hash of the accepted target
 * @param message the latest notable event from the scheduler, or null
 */
public record ObservedService(
    long generation,
    String specHash,
    Lifecycle lifecycle,
    List<PlanStatus> plans,
    List<TaskRow> tasks,
    String message) {

  /** Where the service is in its life, as the scheduler sees it. */
  public enum Lifecycle {
    DEPLOYING,
    RUNNING,
    UPDATING,
    DEGRADED,
    UNINSTALLING
  }

  public ObservedService {
    Objects.requireNonNull(lifecycle, "lifecycle");
    plans = plans == null ? List.of() : List.copyOf(plans);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  public boolean uninstalling() {
    return lifecycle == Lifecycle.UNINSTALLING;
  }
}

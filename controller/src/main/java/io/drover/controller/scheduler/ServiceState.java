package io.drover.controller.scheduler;

import io.drover.api.status.PlanStatus;
import io.drover.api.status.TaskRow;
import java.util.List;

/**
 * What the scheduler reports about one service, for the status writer and the HTTP API.
 *
 * @param generation the generation of the accepted target spec
 * @param specHash the spec hash of the accepted target
 * @param message the latest notable event, e.g. why an update was rejected, or null
 */
public record ServiceState(
    String name,
    long generation,
    String specHash,
    Lifecycle lifecycle,
    List<PlanStatus> plans,
    List<TaskRow> tasks,
    String message) {

  /** Where a service is in its life. */
  public enum Lifecycle {
    DEPLOYING,
    RUNNING,
    UPDATING,
    DEGRADED,
    UNINSTALLING
  }
}

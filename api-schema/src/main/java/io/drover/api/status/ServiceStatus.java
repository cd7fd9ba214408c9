package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The controller-owned status of one service, stored as JSON under {@code /drover/status/<name>}.
 * Users never write it.
 *
 * @param observedGeneration the generation (desired node version) the controller last acted on
 * @param specHash hash of the canonical spec now targeted (the last good one while Invalid)
 * @param errors validation or update-validation errors of the newest desired document, if any
 * @param truncated what was left out of the lists to keep the status within what one ZooKeeper
 *     node holds (a service with thousands of pod instances), or null when nothing was
 * @param events the service's latest events, oldest first (at most 50)
 * @param checked what the controller's decode of the current desired document found, when it was
 *     valid, so that readers of the same build need not decode it again; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceStatus(
    long observedGeneration,
    String specHash,
    Phase phase,
    List<Condition> conditions,
    List<PlanStatus> plans,
    List<TaskRow> tasks,
    List<String> errors,
    String truncated,
    List<ServiceEvent> events,
    DocumentCheck checked) {

  /** A status without a record of the document's check. */
  public ServiceStatus(long observedGeneration, String specHash, Phase phase, List<Condition> conditions,
      List<PlanStatus> plans, List<TaskRow> tasks, List<String> errors, String truncated,
      List<ServiceEvent> events) {
    this(observedGeneration, specHash, phase, conditions, plans, tasks, errors, truncated, events, null);
  }

  /** A status without events. */
  public ServiceStatus(long observedGeneration, String specHash, Phase phase, List<Condition> conditions,
      List<PlanStatus> plans, List<TaskRow> tasks, List<String> errors, String truncated) {
    this(observedGeneration, specHash, phase, conditions, plans, tasks, errors, truncated, null, null);
  }

  /** This status with {@code check} as the record of the document's check (null: none). */
  public ServiceStatus withChecked(DocumentCheck check) {
    return new ServiceStatus(observedGeneration, specHash, phase, conditions, plans, tasks, errors,
        truncated, events, check);
  }

  /** The condition of the given type, or null. */
  public Condition condition(String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }
}

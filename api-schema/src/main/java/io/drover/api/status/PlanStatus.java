package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Progress of one plan (deploy, update, recovery, uninstall). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlanStatus(String name, String status, List<PhaseStatus> phases) {

  /** Progress of one phase of a plan. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record PhaseStatus(String name, String status, List<StepStatus> steps) {}

  /** Progress of one step (one pod instance) of a phase. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record StepStatus(String name, String status, String message) {}
}

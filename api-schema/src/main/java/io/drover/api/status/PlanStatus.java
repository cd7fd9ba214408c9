package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Progress of one plan (deploy, update, recovery, uninstall).
 *
 * @param paused whether an operator paused the plan ({@code drover pause plan}); shown even when the
 *     plan has nothing left to do, so a pause is visible before the work it holds back arrives
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlanStatus(
    String name,
    String status,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean paused,
    List<PhaseStatus> phases) {

  /** A plan that is not paused. */
  public PlanStatus(String name, String status, List<PhaseStatus> phases) {
    this(name, status, false, phases);
  }

  /** Progress of one phase of a plan. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record PhaseStatus(String name, String status, List<StepStatus> steps) {}

  /**
   * Progress of one step (one pod instance) of a phase.
   *
   * @param message why the step is not complete, in words, or null
   * @param reason while the step waits for an offer, what holds it back, as a code: {@code cpus},
   *     {@code memory}, {@code disk}, {@code ports}, {@code volume}, {@code reservation},
   *     {@code maxPerHost}, {@code placement}, {@code agent}, {@code noOffer} or {@code noAgent};
   *     else null
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record StepStatus(String name, String status, String message, String reason) {
    /** A step that does not wait for an offer. */
    public StepStatus(String name, String status, String message) {
      this(name, status, message, null);
    }
  }
}

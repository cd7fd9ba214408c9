package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Kubernetes-style condition. {@code type} is one of {@link #ACCEPTED}, {@link #READY},
 * {@link #PROGRESSING}, {@link #DEGRADED}; {@code status} is {@code True}, {@code False} or
 * {@code Unknown}; {@code lastTransitionTime} is ISO-8601 and changes only when status changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    String type, String status, String reason, String message, String lastTransitionTime) {
  public static final String ACCEPTED = "Accepted";
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  /** Whether the condition holds; derived, so never serialized. */
  @JsonIgnore
  public boolean isTrue() {
    return TRUE.equals(status);
  }
}

package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A constraint on an agent, Marathon style: {@code field} is {@code hostname} or the name of an
 * agent attribute; {@code value} is a regular expression that must match the whole field (LIKE)
 * or must not (UNLIKE).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlacementRule(String field, Operator operator, String value) {
  public static final String HOSTNAME = "hostname";

  /** How {@link #value()} is applied to the field. */
  public enum Operator {
    LIKE,
    UNLIKE;

    @JsonValue
    public String json() {
      return name();
    }

    @JsonCreator
    public static Operator fromJson(String s) {
      return valueOf(s);
    }
  }
}

package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the children of a plan or phase proceed: one after another, or all at once. */
public enum Strategy {
  SERIAL,
  PARALLEL;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Strategy fromJson(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}

package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a task should reach. RUNNING: keep it running (relaunch on failure). FINISH: run to
 * successful completion, again after every configuration change. ONCE: run to successful
 * completion once in the service's life.
 */
public enum Goal {
  RUNNING,
  FINISH,
  ONCE;

  @JsonValue
  public String json() {
    return name();
  }

  @JsonCreator
  public static Goal fromJson(String s) {
    return valueOf(s);
  }
}

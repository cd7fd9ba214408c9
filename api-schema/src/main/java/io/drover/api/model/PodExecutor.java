package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a pod instance's tasks are launched. COMMAND: each task on its own, as a command task (Mesos
 * command executor), launched and relaunched one by one. DEFAULT: all tasks of the instance in one
 * task group on the Mesos default executor (one LAUNCH_GROUP, a shared executor sandbox, the
 * executor's own resources), where an essential task that ends takes the group down.
 */
public enum PodExecutor {
  DEFAULT,
  COMMAND;

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static PodExecutor fromJson(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}

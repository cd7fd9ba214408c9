package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A service's lifecycle phase, as shown by {@code drover get services}. */
public enum Phase {
  PENDING("Pending"),
  DEPLOYING("Deploying"),
  RUNNING("Running"),
  UPDATING("Updating"),
  DEGRADED("Degraded"),
  UNINSTALLING("Uninstalling"),
  INVALID("Invalid");

  private final String json;

  Phase(String json) {
    this.json = json;
  }

  @JsonValue
  public String json() {
    return json;
  }

  @JsonCreator
  public static Phase fromJson(String s) {
    for (Phase p : values()) {
      if (p.json.equals(s)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown phase: " + s);
  }
}

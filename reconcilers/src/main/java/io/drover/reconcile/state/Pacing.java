package io.drover.reconcile.state;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a service remembers only in memory (lost on restart, harmlessly): relaunch backoffs by task
 * name and when a kill was last sent, by task id. Immutable.
 */
public record Pacing(Map<String, RelaunchDelay> backoffs, Map<String, Instant> kills) {

  public Pacing {
    backoffs = Map.copyOf(backoffs);
    kills = Map.copyOf(kills);
  }

  public static Pacing none() {
    return new Pacing(Map.of(), Map.of());
  }

  public Optional<RelaunchDelay> backoff(String taskName) {
    return Optional.ofNullable(backoffs.get(taskName));
  }

  public Pacing withBackoff(String taskName, RelaunchDelay b) {
    Map<String, RelaunchDelay> m = new HashMap<>(backoffs);
    m.put(taskName, b);
    return new Pacing(m, kills);
  }

  public Pacing withoutBackoff(String taskName) {
    if (!backoffs.containsKey(taskName)) {
      return this;
    }
    Map<String, RelaunchDelay> m = new HashMap<>(backoffs);
    m.remove(taskName);
    return new Pacing(m, kills);
  }

  public Pacing withKill(String taskId, Instant at) {
    Map<String, Instant> m = new HashMap<>(kills);
    m.put(taskId, at);
    return new Pacing(backoffs, m);
  }

  /** Forgets kills of tasks that are no longer of interest. */
  public Pacing withoutKill(String taskId) {
    if (!kills.containsKey(taskId)) {
      return this;
    }
    Map<String, Instant> m = new HashMap<>(kills);
    m.remove(taskId);
    return new Pacing(backoffs, m);
  }

  public boolean killRequested(String taskId) {
    return kills.containsKey(taskId);
  }
}

package io.drover.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario reports: its measured cases, the configuration it ran with, and its targets.
 * A scenario that failed reports the error instead of cases, so that a report never leaves a
 * requested scenario out silently.
 *
 * @param scenario the scenario's name, the key of its object in the JSON report
 * @param cases the measured cases, in the order they ran; empty when the scenario failed
 * @param configuration the sizes and settings it ran with
 * @param targets the targets for this scenario, checked against the cases
 * @param error why the scenario failed, or null when it ran
 */
record ScenarioResult(
    String scenario,
    List<Measurement> cases,
    Map<String, Object> configuration,
    List<TargetCheck> targets,
    String error) {

  public ScenarioResult {
    cases = List.copyOf(cases);
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    targets = List.copyOf(targets);
  }

  /** A scenario that ran. */
  public static ScenarioResult of(
      String scenario,
      List<Measurement> cases,
      Map<String, Object> configuration,
      List<TargetCheck> targets) {
    return new ScenarioResult(scenario, cases, configuration, targets, null);
  }

  /** A scenario that failed with {@code error}. */
  public static ScenarioResult failed(
      String scenario, Map<String, Object> configuration, String error) {
    return new ScenarioResult(scenario, List.of(), configuration, List.of(), error);
  }

  public boolean ok() {
    return error == null;
  }

  /** The case labelled {@code label}; fails when there is none. */
  public Measurement find(String label) {
    return cases.stream()
        .filter(c -> c.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(scenario + " has no case " + label));
  }
}

package io.drover.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * The scenarios {@code drover bench} can run, in the order {@code all} runs them: the ZooKeeper
 * baseline first, because later scenarios compare themselves with it.
 */
final class Scenarios {
  static final String ALL = "all";

  /** Each scenario's factory, given whether the run is quick. */
  private static final List<Function<Boolean, Scenario>> FACTORIES =
      List.of(
          ZkBaselineScenario::sized,
          SyncThroughputScenario::sized,
          ReconcileLatencyScenario::sized,
          PriorityScenario::sized,
          LaunchRawScenario::sized,
          LaunchThroughputScenario::sized,
          DeployScaleScenario::sized,
          RecoveryScaleScenario::sized,
          FailoverScenario::sized,
          CliLatencyScenario::sized);

  private Scenarios() {}

  /** Every scenario, sized for a quick or a full run. */
  static List<Scenario> all(boolean quick) {
    return FACTORIES.stream().map(f -> f.apply(quick)).toList();
  }

  /** The scenarios {@code name} selects ({@code all} or one name); empty when it names none. */
  static List<Scenario> select(String name, boolean quick) {
    List<Scenario> all = all(quick);
    if (ALL.equals(name)) {
      return all;
    }
    return all.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The names accepted on the command line, for help and completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      all(true).forEach(s -> names.add(s.name()));
      names.add(ALL);
      return names.iterator();
    }
  }
}

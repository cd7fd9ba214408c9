package io.drover.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded order of a run's faults: every fault of the configuration, shuffled, each with the
 * pause before it, how long it is held (for faults that are undone), a number that picks its
 * target, and whether a user edit goes along with it. The same seed gives the same schedule.
 */
final class Schedule {
  private static final Duration MIN_GAP = Duration.ofMillis(300);
  private static final int GAP_SPREAD_MS = 1500;

  private Schedule() {}

  /**
   * One planned fault.
   *
   * @param number 1-based position in the run
   * @param type what happens
   * @param gap the pause after the cluster converged, before the fault
   * @param hold how long the fault lasts before it is undone (zero for one-shot faults)
   * @param pick a random number that chooses the target among the candidates at the time
   * @param edit whether a user edit is made while the cluster recovers
   */
  record Planned(int number, FaultType type, Duration gap, Duration hold, long pick, boolean edit) {}

  /** The faults of {@code config} in a random order drawn from its seed. */
  static List<Planned> of(ChaosConfig config) {
    Random random = new Random(config.seed());
    List<FaultType> order = new ArrayList<>();
    config.counts().forEach((type, n) -> {
      for (int i = 0; i < n; i++) {
        order.add(type);
      }
    });
    Collections.shuffle(order, random);
    List<Planned> plan = new ArrayList<>(order.size());
    for (int i = 0; i < order.size(); i++) {
      FaultType type = order.get(i);
      Duration gap = MIN_GAP.plusMillis(random.nextInt(GAP_SPREAD_MS));
      plan.add(new Planned(i + 1, type, gap, hold(type, config.sessionTimeout(), random),
          random.nextLong(), random.nextInt(3) == 0));
    }
    return plan;
  }

  private static Duration hold(FaultType type, Duration sessionTimeout, Random random) {
    return switch (type) {
      // Past the session timeout (plus a server tick and some margin) so that the session expires.
      case LEADER_PAUSE -> sessionTimeout.plusMillis(1500 + random.nextInt(1000));
      case QUORUM_LOSS -> Duration.ofMillis(1000 + random.nextInt(4000));
      case AGENT_LOSS -> Duration.ofMillis(1000 + random.nextInt(5000));
      default -> Duration.ZERO;
    };
  }
}

package io.drover.chaos;

import org.junit.jupiter.api.Test;

/**
 * {@code drover chaos --quick}: one fault of each type, seeded, against the real ensemble,
 * mesos-local and three controller processes. Fails on any broken invariant, with the report.
 */
class ChaosQuickTest {
  private static final long SEED = 13;

  @Test
  void oneFaultOfEachTypeBreaksNoInvariant() throws Exception {
    QuickRuns.playWithoutViolations(ChaosConfig.quick(SEED), "chaos-quick-");
  }
}

package io.drover.chaos;

import io.drover.mesoslocal.RealMesosTest;
import org.junit.jupiter.api.Test;

/**
 * {@code drover chaos --quick --mesos real}: one fault of each type, seeded, against the real
 * ensemble, a real Mesos 1.11 master (replicated-log registry) with three real agents from {@code
 * MESOS_HOME}, and three controller processes. Fails on any broken invariant, with the report.
 */
@RealMesosTest
class ChaosRealMesosTest {
  private static final long SEED = 13;

  @Test
  void oneFaultOfEachTypeOnRealMesosBreaksNoInvariant() throws Exception {
    QuickRuns.playWithoutViolations(ChaosConfig.quick(SEED).withMesos(MesosBackend.REAL), "chaos-real-");
  }
}

package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class MachineTest {

  @Test
  void theJvmsAgeAndCompileTimeAreInSeconds() {
    long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();

    Machine m = Machine.current();

    // Seconds, not milliseconds: at least the uptime read before, and not a thousand times it.
    assertThat(m.jvmUptimeS()).isGreaterThanOrEqualTo(uptimeMs / 1000.0).isLessThan(uptimeMs / 1000.0 + 60);
    assertThat(m.jitS()).isGreaterThanOrEqualTo(0);
    assertThat(m.fields()).containsKeys("jvm_uptime_s", "jit_s");
  }
}

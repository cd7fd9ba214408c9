package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw launch's minimal framework, pipelining its calls, gets every task running on every agent. */
class RawLaunchTest {

  @Test
  void everyTaskRunsSpreadOverEveryAgent(@TempDir Path dir) throws Exception {
    RawLaunch.Result r = RawLaunch.run(dir, 3, 30, Duration.ofSeconds(60));

    assertThat(r.agentsUsed()).isEqualTo(3);
    assertThat(r.nanos()).isGreaterThanOrEqualTo(r.firstRunningNanos()).isPositive();
  }
}

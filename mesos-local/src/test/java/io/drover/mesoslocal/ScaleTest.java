package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many no-process tasks through the API. The small run is part of every build; the full run
 * (100 agents, 10,000 tasks) is tagged {@code scale} and runs with
 * {@code mvn -pl mesos-local test -Dtest=ScaleTest -Dgroups=scale -DexcludedGroups=}.
 */
class ScaleTest {

  @Test
  void tenAgentsFiveHundredTasks() throws InterruptedException {
    ScaleRun.Result r = ScaleRun.run(10, 500, Duration.ofSeconds(60));
    assertThat(r.toAllRunning()).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  @Tag("scale")
  void hundredAgentsTenThousandTasks() throws InterruptedException {
    ScaleRun.Result r = ScaleRun.run(100, 10_000, Duration.ofMinutes(5));
    System.out.printf("SCALE: %d agents, %d no-process tasks all TASK_RUNNING after %.1f s%n", r.agents(), r.tasks(),
        r.toAllRunning().toMillis() / 1000.0);
    assertThat(r.toAllRunning()).isLessThan(Duration.ofMinutes(5));
  }
}

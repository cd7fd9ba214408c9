package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReconcileLatencyScenarioTest {

  @Test
  void aFullSizeTakesThreeHundredSamplesSoItsP99IsNotTheSecondSlowest() {
    assertThat(ReconcileLatencyScenario.sized(false).configuration()).containsEntry("samples", 300);
    assertThat(ReconcileLatencyScenario.sized(true).configuration()).containsEntry("samples", 20);
  }

  @Test
  void theEarlierP99IsTakenOverTheFirstSamplesInTheOrderTaken() {
    long[] samples = new long[300];
    for (int i = 0; i < 100; i++) {
      samples[i] = i + 1;
    }
    Arrays.fill(samples, 100, 300, 1_000);

    assertThat(ReconcileLatencyScenario.p99OfFirst(samples, 100)).isEqualTo(99);
    assertThat(Percentiles.of(samples).p99Nanos()).isEqualTo(1_000);
  }

  @Test
  void withFewerSamplesTheEarlierP99IsTheP99OfAll() {
    long[] samples = {5, 1, 9, 3};

    assertThat(ReconcileLatencyScenario.p99OfFirst(samples, 100)).isEqualTo(9);
  }
}

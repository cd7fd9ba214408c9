package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfOneToAHundred() {
    long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();
    Percentiles p = Percentiles.of(samples);
    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50Nanos()).isEqualTo(50);
    assertThat(p.p99Nanos()).isEqualTo(99);
    assertThat(p.maxNanos()).isEqualTo(100);
    assertThat(p.meanNanos()).isEqualTo(50);
    assertThat(samples[0]).as("the input is not sorted in place").isEqualTo(100);
  }

  @Test
  void theP99OfFewSamplesIsTheirMaximum() {
    Percentiles p = Percentiles.of(new long[] {7, 3, 5});
    assertThat(p.p50Nanos()).isEqualTo(5);
    assertThat(p.p99Nanos()).isEqualTo(7);
  }

  @Test
  void oneSampleIsEveryPercentile() {
    Percentiles p = Percentiles.of(new long[] {42});
    assertThat(p.p50Nanos()).isEqualTo(42);
    assertThat(p.p99Nanos()).isEqualTo(42);
  }

  @Test
  void noSampleIsAnError() {
    assertThatThrownBy(() -> Percentiles.of(new long[0])).hasMessageContaining("no samples");
  }

  @Test
  void measurementsRoundDurationsAndRates() {
    Measurement m =
        Measurement.of("c")
            .percentiles("", new Percentiles(2, 1_234_567, 9_876_543, 9_876_543, 5_000_000))
            .seconds("seconds", 2_345_678_901L)
            .rate("docs_per_s", 1_000, 3_000_000_000L)
            .build();
    assertThat(m.fields())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("p50_ms", 1.235),
            org.assertj.core.api.Assertions.entry("p99_ms", 9.877),
            org.assertj.core.api.Assertions.entry("seconds", 2.346),
            org.assertj.core.api.Assertions.entry("docs_per_s", 333.3));
  }
}

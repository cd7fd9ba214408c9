package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesUnitsAndSums() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void formatsAsItParses() {
    assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.parse(Durations.format(Duration.ofMinutes(61)))).isEqualTo(
        Duration.ofMinutes(61));
  }

  @Test
  void rejectsWhatItCannotRead() {
    for (String bad : new String[] {"", "30", "s", "1.5s", "-1s", "1 m", "10sec"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .hasMessageContaining("invalid duration '" + bad + "'")
          .hasMessageContaining("such as 30s, 5m or 1m30s");
    }
  }
}

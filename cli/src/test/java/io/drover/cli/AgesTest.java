package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {

  private static String age(Duration d) {
    Instant now = Instant.parse("2024-05-01T12:00:00Z");
    return Ages.of(now.minus(d), now);
  }

  @Test
  void formatsLikeKubectl() {
    assertThat(age(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(age(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(age(Duration.ofSeconds(200))).isEqualTo("3m20s");
    assertThat(age(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(age(Duration.ofMinutes(25))).isEqualTo("25m");
    assertThat(age(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
    assertThat(age(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(age(Duration.ofHours(3 * 24 + 4))).isEqualTo("3d4h");
    assertThat(age(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(age(Duration.ofDays(800))).isEqualTo("2y");
    assertThat(age(Duration.ofSeconds(-5))).isEqualTo("0s");
    assertThat(Ages.of(null, Instant.EPOCH)).isEqualTo("-");
  }
}

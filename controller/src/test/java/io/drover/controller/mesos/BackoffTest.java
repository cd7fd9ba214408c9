package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  @Test
  void doublesUpToTheCap() {
    assertThat(backoff.ceiling(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(3200));
    assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterStaysInTheUpperHalf() {
    assertThat(backoff.jittered(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.jittered(3, () -> 0.5)).isEqualTo(Duration.ofMillis(600));
    assertThat(backoff.jittered(3, () -> 0.999_999)).isLessThan(Duration.ofMillis(800));
    assertThat(backoff.jittered(40, () -> 0.999_999)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

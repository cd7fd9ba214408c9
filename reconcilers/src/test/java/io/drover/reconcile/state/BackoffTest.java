package io.drover.reconcile.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  @Test
  void doublesUpToTheCap() {
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(6)).isEqualTo(Duration.ofMillis(3200));
    assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(1_000)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterStaysInTheUpperHalf() {
    assertThat(backoff.jittered(4, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.jittered(4, () -> 0.5)).isEqualTo(Duration.ofMillis(600));
    assertThat(backoff.jittered(4, () -> 0.999_999)).isLessThan(Duration.ofMillis(800));
    assertThat(backoff.jittered(40, () -> 0.999_999)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.delay(0)).isInstanceOf(IllegalArgumentException.class);
  }
}

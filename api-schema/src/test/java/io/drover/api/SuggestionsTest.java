package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distanceCountsEdits() {
    assertThat(Suggestions.distance("", "")).isZero();
    assertThat(Suggestions.distance("abc", "")).isEqualTo(3);
    assertThat(Suggestions.distance("memroy", "memory")).isEqualTo(2);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void closestIsOnlyOfferedWhenLikelyATypo() {
    List<String> fields = List.of("cmd", "cpus", "memory", "disk", "healthCheck", "readinessCheck");
    assertThat(Suggestions.closest("memroy", fields)).contains("memory");
    assertThat(Suggestions.closest("HealthCheck", fields)).contains("healthCheck");
    assertThat(Suggestions.closest("cpu", fields)).contains("cpus");
    assertThat(Suggestions.closest("replicas", fields)).isEmpty();
    assertThat(Suggestions.closest("x", List.of())).isEmpty();
  }
}

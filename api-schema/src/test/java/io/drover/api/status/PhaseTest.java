package io.drover.api.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhaseTest {
  @Test
  void jsonNamesRoundTrip() {
    for (Phase p : Phase.values()) {
      assertThat(Phase.fromJson(p.json())).isEqualTo(p);
    }
    assertThat(Phase.INVALID.json()).isEqualTo("Invalid");
  }

  @Test
  void unknownNameIsRejected() {
    assertThatThrownBy(() -> Phase.fromJson("Sleeping")).hasMessageContaining("Sleeping");
  }
}

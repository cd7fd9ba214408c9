package io.drover.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {
  private static final long MS = 1_000_000;

  @Test
  void aCollectionIsPlacedWhereItHappenedAndFoundInAWindowAroundIt() {
    try (GcPauses gc = GcPauses.record()) {
      long before = System.nanoTime();
      System.gc(); // a stop-the-world collection with any of the JDK's collectors but Epsilon
      long after = System.nanoTime();
      long second = Duration.ofSeconds(1).toNanos();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gc.within(before, after + second)).isNotEmpty());
      List<GcPauses.Pause> found = gc.within(before, after + second);
      // Placed by the notification, which arrives after the end: not before the call (less the beans' millisecond).
      assertThat(found).anySatisfy(p -> {
        assertThat(p.startNanos()).isGreaterThanOrEqualTo(before - 2 * MS);
        assertThat(p.nanos()).isNotNegative();
      });
      long minute = Duration.ofMinutes(1).toNanos();
      assertThat(gc.within(after + minute, after + 2 * minute)).as("a window no pause reaches").isEmpty();
    }
  }

  @Test
  void theCollectorsAreNamed() {
    assertThat(GcPauses.collectors()).isNotBlank();
  }
}

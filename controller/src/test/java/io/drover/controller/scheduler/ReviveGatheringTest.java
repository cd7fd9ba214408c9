package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.time.ManualTimers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReviveGatheringTest {
  private final ManualTimers timers = new ManualTimers();
  /** The loop: what the gathering posts, run when the test says. */
  private final List<Runnable> posted = new ArrayList<>();
  private final ReviveGathering gathering = new ReviveGathering(timers, posted::add);
  private final AtomicBoolean moreComing = new AtomicBoolean(true);
  private final AtomicInteger looks = new AtomicInteger();

  private boolean holds(boolean due) {
    return gathering.holds(due, timers.now(), looks::incrementAndGet);
  }

  private void runPosted() {
    List<Runnable> now = new ArrayList<>(posted);
    posted.clear();
    now.forEach(Runnable::run);
  }

  @Test
  void nothingIsHeldUntilTheSignalIsNamed() {
    assertThat(holds(true)).isFalse();
    assertThat(timers.pending()).isZero();
  }

  @Test
  void aDueReviveIsHeldWhileMoreChangesComeAndLookedAtAgainSoon() {
    gathering.expect(moreComing::get);

    assertThat(holds(true)).isTrue();
    assertThat(holds(true)).as("one look scheduled, not two").isTrue();
    assertThat(timers.pending()).isEqualTo(1);
    timers.advance(ReviveGathering.LOOK_AGAIN);
    assertThat(looks).hasValue(0); // posted to the loop, not run on the timer's thread
    runPosted();
    assertThat(looks).hasValue(1);

    moreComing.set(false);
    assertThat(holds(true)).as("the burst has arrived").isFalse();
  }

  @Test
  void aReviveIsHeldNoLongerThanTheLimitFromWhenItWasFirstHeld() {
    gathering.expect(moreComing::get);
    assertThat(holds(true)).isTrue();
    timers.advance(ReviveGathering.LIMIT.minusMillis(1));
    assertThat(holds(true)).isTrue();
    timers.advance(Duration.ofMillis(1));

    assertThat(holds(true)).isFalse();
    // the next REVIVE due starts a gathering of its own
    assertThat(holds(true)).isTrue();
  }

  @Test
  void onlyAReviveThatIsDueIsHeld() {
    gathering.expect(moreComing::get);
    assertThat(holds(false)).isFalse();
    assertThat(timers.pending()).isZero();

    assertThat(holds(true)).isTrue();
    timers.advance(ReviveGathering.LIMIT.minusMillis(1));
    assertThat(holds(false)).as("no longer due: the gathering ends").isFalse();
    assertThat(holds(true)).as("a new one starts from now").isTrue();
    timers.advance(ReviveGathering.LIMIT.minusMillis(1));
    assertThat(holds(true)).isTrue();
  }
}

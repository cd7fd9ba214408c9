package io.drover.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void theSameSeedGivesTheSameScheduleAndEveryFaultOfTheConfiguration() {
    ChaosConfig config = ChaosConfig.full(42);
    List<Schedule.Planned> a = Schedule.of(config);

    assertThat(Schedule.of(ChaosConfig.full(42))).isEqualTo(a);
    assertThat(Schedule.of(ChaosConfig.full(43))).isNotEqualTo(a);
    Map<FaultType, Long> counts = a.stream().collect(Collectors.groupingBy(Schedule.Planned::type, Collectors.counting()));
    config.counts().forEach((type, n) -> assertThat(counts.get(type)).as(type.label()).isEqualTo((long) n));
  }

  @Test
  void aPausedLeaderIsHeldPastItsSessionTimeoutAndOneShotFaultsAreNotHeld() {
    ChaosConfig config = ChaosConfig.quick(7);
    for (Schedule.Planned p : Schedule.of(config)) {
      switch (p.type()) {
        case LEADER_PAUSE -> assertThat(p.hold()).isGreaterThan(config.sessionTimeout().plusSeconds(1));
        case QUORUM_LOSS, AGENT_LOSS -> assertThat(p.hold()).isPositive();
        default -> assertThat(p.hold()).isZero();
      }
    }
  }

  @Test
  void countsCanBeOverriddenByName() {
    ChaosConfig config = ChaosConfig.quick(1).withCounts(Map.of(FaultType.of("leader-kill"), 5,
        FaultType.of("task-crash"), 0));

    assertThat(config.counts()).containsEntry(FaultType.LEADER_KILL, 5).doesNotContainKey(FaultType.TASK_CRASH);
    assertThat(config.total()).isEqualTo(FaultType.values().length - 2 + 5);
  }
}

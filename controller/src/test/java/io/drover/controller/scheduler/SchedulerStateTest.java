package io.drover.controller.scheduler;

import static io.drover.controller.scheduler.RunnerHarness.service;
import static io.drover.controller.scheduler.SchedulerFixture.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.reconcile.state.ServiceRecord;
import java.time.Instant;
import org.apache.mesos.v1.Protos.TaskID;
import org.junit.jupiter.api.Test;

/** What the loop's state keeps so that a pass looks at the few services concerned, not at all of them. */
class SchedulerStateTest {
  private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");

  private final SchedulerState state = new SchedulerState(() -> NOW);

  private ServiceEntry adopt(String name) {
    return state.adopt(ServiceRecord.initial(target(service(name, 1), 1)));
  }

  private static TaskID task(String id) {
    return TaskID.newBuilder().setValue(id).build();
  }

  @Test
  void onlyServicesWithALaunchAwaitingItsFirstStatusAreLookedAtForLostLaunches() {
    adopt("a");
    ServiceEntry b = adopt("b");
    ServiceEntry c = adopt("c");
    ServiceEntry d = adopt("d");
    assertThat(state.launching()).isEmpty();

    d.launched(task("d-1"), NOW);
    b.launched(task("b-1"), NOW);
    b.launched(task("b-2"), NOW);
    c.launched(task("c-1"), NOW);
    assertThat(state.launching()).as("in name order").containsExactly(b, c, d);

    b.statusArrived(task("b-1"));
    assertThat(state.launching()).as("b still awaits b-2").containsExactly(b, c, d);
    b.statusArrived(task("b-2"));
    d.statusArrived(task("d-1"));
    state.remove("c");
    assertThat(state.launching()).isEmpty();

    d.launched(task("d-2"), NOW);
    assertThat(state.launching()).as("a new launch puts it back").containsExactly(d);
  }
}

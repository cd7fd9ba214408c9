package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.Target;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatePublisherTest {
  private static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");

  private final SchedulerState state = new SchedulerState(() -> Instant.EPOCH);
  private final StatePublisher publisher = new StatePublisher(Runnable::run);

  @Test
  void listenersSeeTheStateTheyAreToldAboutInTheSnapshot() {
    List<Boolean> visible = new ArrayList<>();
    publisher.addListener(new ObservedServiceListener() {
      @Override
      public void changed(ObservedService s) {
        visible.add(s.equals(publisher.states().get(s.name())));
        visible.add(s.equals(publisher.state(s.name())));
      }

      @Override
      public void uninstalled(String name) {
        visible.add(!publisher.states().containsKey(name));
        visible.add(publisher.state(name) == null);
      }
    });
    state.markBroken("a", "unreadable");
    publisher.publish(state, NOW);
    publisher.uninstalled("a");

    assertThat(visible).containsExactly(true, true, true, true);
  }

  @Test
  void servicesChangedTogetherInParallelEachGetTheStateTheyWouldGetAlone() {
    int n = StatePublisher.PARALLEL_FROM * 2;
    for (int i = 0; i < n; i++) {
      String name = String.format("svc-%04d", i);
      String yaml = "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  pods:\n    web:\n"
          + "      count: " + (1 + i % 3) + "\n      tasks:\n        server: {cmd: run, cpus: 0.1, memory: 32}\n";
      ServiceResource r = Services.load("test", yaml.getBytes(StandardCharsets.UTF_8)).get(0).resource();
      state.adopt(ServiceRecord.initial(Target.of(Services.specHash(r), i, r)));
    }

    publisher.publish(state, NOW);

    assertThat(publisher.states()).hasSize(n);
    for (ServiceEntry e : state.entries()) {
      assertThat(publisher.state(e.name())).isEqualTo(StatePublisher.of(e, NOW));
    }
  }

  @Test
  void oneServiceIsReadAsTheLatestPublishedState() {
    assertThat(publisher.state("a")).isNull();
    state.markBroken("a", "unreadable");
    publisher.publish(state, NOW);
    ObservedService first = publisher.state("a");
    assertThat(first).isEqualTo(publisher.states().get("a"));

    state.markBroken("a", "unreadable again");
    state.changed("a");
    publisher.publish(state, NOW);
    assertThat(publisher.state("a")).isNotEqualTo(first).isEqualTo(publisher.states().get("a"));
    assertThat(publisher.state("a").message()).contains("unreadable again");
  }

  @Test
  void theSnapshotIsReusedUntilSomethingChanges() {
    state.markBroken("a", "unreadable");
    publisher.publish(state, NOW);
    Map<String, ObservedService> first = publisher.states();

    state.changed("a"); // recomputed, but equal: no new snapshot
    publisher.publish(state, NOW);
    assertThat(publisher.states()).isSameAs(first).containsOnlyKeys("a");

    state.markBroken("b", "unreadable");
    publisher.publish(state, NOW);
    assertThat(publisher.states()).containsOnlyKeys("a", "b");
    assertThat(first).containsOnlyKeys("a");

    state.dropBroken("a");
    state.changed("a");
    publisher.publish(state, NOW);
    assertThat(publisher.states()).containsOnlyKeys("b");
  }

  @Test
  void onlyRealChangesAreReported() {
    List<String> told = new ArrayList<>();
    publisher.addListener(new ObservedServiceListener() {
      @Override
      public void changed(ObservedService s) {
        told.add(s.name());
      }

      @Override
      public void uninstalled(String name) {
        told.add("-" + name);
      }
    });
    state.markBroken("a", "unreadable");
    publisher.publish(state, NOW);
    state.changed("a");
    publisher.publish(state, NOW);

    assertThat(told).containsExactly("a");
  }
}

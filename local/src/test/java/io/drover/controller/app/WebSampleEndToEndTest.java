package io.drover.controller.app;

import static io.drover.controller.app.DroverCluster.assertRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quick start's {@code samples/web.yaml}, unchanged, through ZooKeeper, the controller and
 * mesos-local running real python3 servers: its readiness check (the TaskInfo {@code check}, which
 * mesos-local runs as Mesos's command executor does) makes each instance ready, the serial deploy
 * never launches the second instance before the first is ready, and the service becomes Ready with
 * both instances serving on different agents. That the deploy waits for readiness is shown
 * deterministically by {@code MultiServiceSchedulerTest} and the reconcilers' {@code ReadinessGateTest};
 * here the first instance's check passes within a second, too fast to watch the wait.
 */
class WebSampleEndToEndTest {
  private static final Path SAMPLE = Path.of("..", "samples", "web.yaml");

  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(1).build();

  @Test
  void theWebSampleBecomesReadyWithBothInstancesServing() throws Exception {
    long generation = drover.apply("web", Files.readString(SAMPLE));

    List<ServiceStatus> seen = new CopyOnWriteArrayList<>();
    ServiceStatus ready = await().atMost(DroverCluster.WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> observe(seen), s -> s.isPresent() && ready(s.get(), generation)).orElseThrow();

    // The serial deploy never launched the second instance before the first one's readiness check passed.
    assertThat(seen).filteredOn(s -> row(s, "web-1-server").isPresent())
        .allSatisfy(s -> assertThat(row(s, "web-0-server").orElseThrow().ready()).isTrue());

    assertThat(ready.phase()).isEqualTo(Phase.RUNNING);
    assertThat(ready.tasks()).hasSize(2).allSatisfy(t -> {
      assertThat(t.state()).isEqualTo("TASK_RUNNING");
      assertThat(t.healthy()).isTrue();
      assertThat(t.ready()).isTrue();
    });
    assertThat(ready.tasks()).extracting(TaskRow::agentId).doesNotHaveDuplicates(); // maxPerHost: 1
    // Both servers bind on this machine: the agents offer disjoint ports.
    assertThat(ready.tasks()).extracting(t -> t.ports().get("http")).doesNotHaveDuplicates();
    assertRunning(drover.liveTasks("web"), 2);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (TaskRow t : ready.tasks()) {
      HttpResponse<Void> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + t.ports().get("http") + "/"))
              .timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).as(t.name()).isEqualTo(200);
    }
  }

  private Optional<ServiceStatus> observe(List<ServiceStatus> seen) throws Exception {
    Optional<ServiceStatus> s = drover.status("web");
    s.ifPresent(seen::add);
    return s;
  }

  private static boolean ready(ServiceStatus s, long generation) {
    Condition ready = s.condition(Condition.READY);
    return s.observedGeneration() == generation && ready != null && ready.isTrue();
  }

  /** The named task's row; none before the scheduler reported any task (no {@code tasks} yet). */
  private static Optional<TaskRow> row(ServiceStatus s, String name) {
    return s.tasks() == null ? Optional.empty() : s.tasks().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}

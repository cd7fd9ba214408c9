package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.cli.CliContext;
import io.drover.cli.Main;
import io.drover.controller.store.ZkSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reasons a person can read, through the real CLI against a running stack (ZooKeeper, mesos-local
 * running real processes, a controller): {@code drover describe} says which constraint keeps a step
 * waiting, with numbers, and why a task was killed; the service's events are in describe and in
 * the HTTP API.
 */
class ReasonsEndToEndTest {
  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(1).build();
  private static final Pattern KILLED_ROW = Pattern.compile("\n  web-0-server +TASK_KILLED ");

  @TempDir Path dir;

  /** Runs a verb of the real CLI in-process; returns its standard output, after checking its exit code. */
  private String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
        new ByteArrayInputStream(new byte[0]), Map.of(), false, Clock.systemUTC(), dir)
        .withZooKeeper(drover.zkConnectString(), ZkSettings.DEFAULT_ROOT);
    int exit = Main.run(context, args);
    assertThat(exit).as("drover %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
  }

  @Test
  void describeSaysAServiceTooBigForAnyAgentWaitsForCpusWithTheNumbers() throws Exception {
    Files.writeString(dir.resolve("huge.yaml"), Docs.service("huge", 1, "exec sleep 600").replace("cpus: 0.1", "cpus: 64"));
    assertThat(cli("apply", "-f", "huge.yaml")).isEqualTo("service/huge created\n");

    String described = await().atMost(DroverCluster.WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> cli("describe", "service", "huge"), out -> out.contains("needs cpus"));

    assertThat(described).contains("Phase:      Deploying\n")
        .containsPattern("      web-0: IN_PROGRESS \\(waiting for an offer that fits: needs cpus 64\\.0, "
            + "largest offer has 2\\.0 \\(\\S+\\), 2 agents; reason: cpus\\)\n");
  }

  @Test
  void describeSaysATaskWasKilledBecauseItsHealthCheckFailed() throws Exception {
    Files.writeString(dir.resolve("sick.yaml"), """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: sick}
        spec:
          pods:
            web:
              count: 1
              tasks:
                server:
                  cmd: "exec sleep 600"
                  cpus: 0.1
                  memory: 32
                  healthCheck: {cmd: "echo not well >&2; exit 1", intervalSeconds: 1, timeoutSeconds: 1, gracePeriodSeconds: 0, maxConsecutiveFailures: 2}
        """);
    cli("apply", "-f", "sick.yaml");

    String killed = "was killed after its health check failed 2 times in a row (the check's output is in the task's stderr);"
        + " Mesos (executor): Command terminated with signal Terminated";
    String described = await().atMost(DroverCluster.WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> cli("describe", "service", "sick"), out -> KILLED_ROW.matcher(out).find());

    assertThat(described).containsPattern("web-0-server +TASK_KILLED .* no +- +" + Pattern.quote(killed));
    assertThat(described).containsPattern("web-0: IN_PROGRESS \\(web-0-server failed \\d+ time\\(s\\); relaunching after ")
        .contains(". Last time it " + killed);

    // The events: in describe, and over HTTP from the replica.
    String withEvents = await().atMost(DroverCluster.WAIT).pollInterval(Duration.ofMillis(200))
        .until(() -> cli("describe", "service", "sick"), out -> out.contains(" Relaunched "));
    assertThat(withEvents).contains("Events:\n  AGE ")
        .containsPattern(" Configured +- +created from generation 0 \\(spec \\w+\\)\n")
        .containsPattern(" Launched +web-0-server +launched sick__web-0-server__\\S+ on \\S+\n")
        .containsPattern(" Unhealthy +web-0-server +the health check of web-0-server failed\n")
        .contains(" Killed ", "web-0-server " + killed);
    HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://" + drover.leader().self().httpAddress() + "/v1/services/sick/events")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(events.statusCode()).isEqualTo(200);
    JsonNode list = new ObjectMapper().readTree(events.body()).get("events");
    List<String> types = new ArrayList<>();
    list.forEach(e -> types.add(e.get("type").asText()));
    assertThat(types).containsSubsequence("Configured", "Launched", "Running", "Unhealthy", "Killed", "Relaunched");
    assertThat(list.get(types.indexOf("Killed")).get("message").asText()).isEqualTo("web-0-server " + killed);
    assertThat(list.get(0).get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }
}

package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.cli.CliContext;
import io.drover.cli.Main;
import io.drover.controller.store.ZkSettings;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reasons a person can read, through the real CLI against a running stack (ZooKeeper, mesos-local
 * running real processes, a controller): {@code drover describe} says which constraint keeps a step
 * waiting, with numbers.
 */
class ReasonsEndToEndTest {
  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(1).build();
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
        .until(() -> cli("describe", "service", "sick"), out -> out.contains(killed));

    assertThat(described).containsPattern("web-0-server +TASK_KILLED .* no +- +" + java.util.regex.Pattern.quote(killed));
    assertThat(described).contains("web-0: IN_PROGRESS (web-0-server failed 1 time(s); relaunching after ")
        .contains(". Last time it " + killed);
  }
}

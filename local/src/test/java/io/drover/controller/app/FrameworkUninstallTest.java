package io.drover.controller.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.mesoslocal.ClusterState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code drover controller --uninstall}: every service and the framework go; the documents stay. */
class FrameworkUninstallTest {
  @RegisterExtension final DroverCluster drover = DroverCluster.builder().agents(2).replicas(1).build();

  private static boolean ready(ServiceStatus s) {
    Condition ready = s.condition(Condition.READY);
    return ready != null && ready.isTrue();
  }

  private String deployAndStopTheController(String... docs) throws Exception {
    for (int i = 0; i < docs.length; i += 2) {
      drover.apply(docs[i], docs[i + 1]);
    }
    for (int i = 0; i < docs.length; i += 2) {
      drover.awaitStatus(docs[i], FrameworkUninstallTest::ready);
    }
    Controller c = drover.leader();
    drover.stop(c);
    return drover.mesos().state().frameworks().get(0).id();
  }

  private void assertNothingLeft(String frameworkId, String... services) throws Exception {
    ClusterState state = drover.mesos().state();
    assertThat(state.framework(frameworkId)).isEmpty();
    assertThat(state.tasks()).noneMatch(t -> t.frameworkId().equals(frameworkId) && !t.state().equals("TASK_KILLED"));
    for (String s : services) {
      assertThat(drover.liveTasks(s)).isEmpty();
      assertThat(drover.user().checkExists().forPath(DroverCluster.paths().service(s))).as("document " + s).isNotNull();
      assertThat(drover.status(s)).isEmpty();
    }
    assertThat(drover.user().checkExists().forPath(DroverCluster.paths().scheduler())).isNull();
  }

  @Test
  void everyServiceAndTheFrameworkAreTornDownAndTheDocumentsStay() throws Exception {
    String framework = deployAndStopTheController(
        "web", Docs.service("web", 2, "exec sleep 600"), "api", Docs.service("api", 1, "exec sleep 600"));

    try (FrameworkUninstall u = FrameworkUninstall.start(drover.config("uninstall"), drover.runtimes(Duration.ofDays(3650)))) {
      u.await(DroverCluster.WAIT);
    }

    assertNothingLeft(framework, "web", "api");
  }

  @Test
  void aTeardownStoppedHalfWayIsResumedByTheNextRun() throws Exception {
    String framework = deployAndStopTheController("slow", Docs.slowToStop("slow", 2, 3, "slow-marker"));

    FrameworkUninstall first = FrameworkUninstall.start(drover.config("uninstall-1"), drover.runtimes(Duration.ofDays(3650)));
    // The tasks trap SIGTERM and say so: the teardown has begun killing them.
    await().atMost(DroverCluster.WAIT).until(() -> sandboxesMention("slow-marker ignoring TERM"));
    first.close();
    assertThat(drover.liveTasks("slow")).isNotEmpty();

    try (FrameworkUninstall second = FrameworkUninstall.start(drover.config("uninstall-2"), drover.runtimes(Duration.ofDays(3650)))) {
      second.await(DroverCluster.WAIT);
    }

    assertNothingLeft(framework, "slow");
  }

  private boolean sandboxesMention(String text) throws IOException {
    try (Stream<Path> files = Files.walk(drover.workDir())) {
      return files.filter(p -> p.getFileName().toString().equals("stdout")).anyMatch(p -> contains(p, text));
    }
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

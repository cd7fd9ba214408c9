package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class WaitCommandTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  @TempDir
  Path dir;

  private Drover drover;

  @BeforeEach
  void start() {
    drover = new Drover(ZK.connectString(), dir);
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 2));
    drover.run("apply", "-f", "web.yaml");
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  @Test
  void returnsWhenReadyIsTrueForTheNewestGenerationAndShowsProgressOnATerminal()
      throws Exception {
    drover.interactive(true);
    Drover.Running waiting =
        drover.start("wait", "service", "web", "--for", "condition=Ready", "--timeout", "30s");
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting.err().equals(
        "service/web: Pending, -/2 ready, not yet observed by the controller\n"));

    drover.writeStatus("web", Statuses.running(0, 2, 1));
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting.err().contains(
        "service/web: Deploying, 1/2 ready, Ready=False (TasksNotReady: 1/2 tasks ready)\n"));
    assertThat(waiting.future()).isNotDone();
    drover.writeStatus("web", Statuses.running(0, 2, 2));

    Drover.Result result = waiting.future().get(10, TimeUnit.SECONDS);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("service/web condition met: Ready\n");
  }

  @Test
  void aReadyStatusOfAnOlderGenerationDoesNotCount() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 3));
    drover.run("apply", "-f", "web.yaml");
    drover.writeStatus("web", Statuses.running(0, 2, 2));

    Drover.Result result =
        drover.run("wait", "service/web", "--for=condition=ready", "--timeout", "1s");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("error: timed out after 1s waiting for service/web to be "
        + "Ready: Running, 2/3 ready, generation 1 not yet observed (at 0), "
        + "Ready=True (AllTasksReady: 2/2 tasks ready)\n");
  }

  @Test
  void waitsForDeletion() throws Exception {
    drover.writeStatus("web", Statuses.running(0, 2, 2));
    drover.interactive(true);
    Drover.Running waiting = drover.start("wait", "service", "web", "--for", "condition=Deleted");
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting.err().contains("Running"));

    drover.client().delete().forPath(drover.servicePath("web"));
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting.err().contains(
        "service/web: Running, document deleted, uninstall in progress"));
    assertThat(waiting.future()).isNotDone();
    drover.client().delete().forPath(drover.statusPath("web"));

    Drover.Result result = waiting.future().get(10, TimeUnit.SECONDS);
    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo("service/web condition met: Deleted\n");
  }

  @Test
  void rejectsUnknownConditionsAndMissingServices() {
    Drover.Result unknown = drover.run("wait", "service", "web", "--for", "condition=Happy");
    Drover.Result missing =
        drover.run("wait", "service", "nothing", "--for", "condition=Ready", "--timeout", "5s");

    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("invalid --for 'condition=Happy': expected condition=TYPE "
        + "with TYPE one of Accepted, Ready, Progressing, Degraded, Deleted");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: service/nothing not found\n");
  }
}

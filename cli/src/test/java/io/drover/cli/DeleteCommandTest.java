package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeleteCommandTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder()
      .applying("specs.yaml", Docs.service("a", 1) + "---\n" + Docs.service("b", 1))
      .build();

  private final Drover drover = CLI.drover();

  @Test
  void deletesDocuments() throws Exception {
    Drover.Result result = drover.run("delete", "service", "a", "b");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo("service/a deleted\nservice/b deleted\n");
    assertThat(drover.stored("a")).isNull();
    assertThat(drover.stored("b")).isNull();
  }

  @Test
  void aMissingServiceIsANegativeOutcomeUnlessIgnored() throws Exception {
    Drover.Result missing = drover.run("delete", "service", "nothing", "a");
    Drover.Result ignored = drover.run("delete", "service/nothing", "service/b",
        "--ignore-not-found");

    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: service/nothing not found\n");
    assertThat(missing.out()).isEqualTo("service/a deleted\n");
    assertThat(ignored.exit()).isZero();
    assertThat(ignored.out()).isEqualTo("service/b deleted\n");
  }

  @Test
  void deletingEveryServiceAtOnceIsAUsageError() throws Exception {
    Drover.Result result = drover.run("delete", "services");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("error: name the services to delete: 'service NAME...', "
        + "'service/NAME...' or -f PATH\n");
    assertThat(drover.stored("a")).isNotNull();
  }

  @Test
  void waitReturnsOnceTheControllerRemovedTheStatus() throws Exception {
    drover.writeStatus("a", Statuses.running(0, 1, 1));

    drover.interactive(true);
    Drover.Running deleting =
        drover.start("delete", "service", "a", "--wait", "--timeout", "30s");
    await().atMost(Duration.ofSeconds(10)).until(() -> deleting.err().contains(
        "service/a: Running, document deleted, uninstall in progress"));
    drover.writeStatus("a", Statuses.uninstalling(0));
    await().atMost(Duration.ofSeconds(10)).until(() -> deleting.err().contains(
        "service/a: Uninstalling, document deleted"));
    assertThat(deleting.future()).isNotDone();
    drover.client().delete().forPath(drover.statusPath("a"));

    Drover.Result result = deleting.future().get(10, TimeUnit.SECONDS);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("service/a deleted\nservice/a uninstalled\n");
  }

  @Test
  void waitTimesOutWithAMessageWhileTheUninstallRuns() throws Exception {
    drover.writeStatus("b", Statuses.uninstalling(0));

    Drover.Result result = drover.run("delete", "service", "b", "--wait", "--timeout", "1s");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("service/b deleted\n");
    assertThat(result.err()).isEqualTo("error: timed out after 1s waiting for the uninstall of "
        + "service/b: Uninstalling, document deleted, uninstall in progress, 0/- ready, "
        + "Ready=False (Uninstalling)\n");
  }
}

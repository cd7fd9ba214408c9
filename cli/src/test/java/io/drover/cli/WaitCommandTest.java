package io.drover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.ValidatorIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WaitCommandTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder()
      .applying("web.yaml", Docs.service("web", 2)).build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

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
  void aStatusCheckingThisVersionIsTakenWithoutDecodingTheDocument() throws Exception {
    // An invalid document under a status whose check vouches for exactly this version: only a
    // wait that takes the check, without decoding the document, finds Ready met.
    drover.client().setData().forPath(drover.servicePath("web"), "not: [a service".getBytes(UTF_8));
    long mzxid = drover.client().checkExists().forPath(drover.servicePath("web")).getMzxid();
    drover.writeStatus("web", Statuses.checked(Statuses.running(1, 2, 2), mzxid, ValidatorIdentity.current(), 2));

    Drover.Result result = drover.run("wait", "service/web", "--for=condition=Ready", "--timeout", "1s");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("service/web condition met: Ready\n");
  }

  @Test
  void aStatusCheckingAnotherVersionOrByAnotherValidatorIsNotTaken() throws Exception {
    long first = drover.client().checkExists().forPath(drover.servicePath("web")).getMzxid();
    drover.client().setData().forPath(drover.servicePath("web"), "not: [a service".getBytes(UTF_8));
    long mzxid = drover.client().checkExists().forPath(drover.servicePath("web")).getMzxid();
    for (String status : List.of(
        Statuses.checked(Statuses.running(1, 2, 2), first, ValidatorIdentity.current(), 2),
        Statuses.checked(Statuses.running(1, 2, 2), mzxid, "0123456789abcdef", 2))) {
      drover.writeStatus("web", status);

      Drover.Result result = drover.run("wait", "service/web", "--for=condition=Ready", "--timeout", "1s");

      assertThat(result.exit()).isEqualTo(1);
      assertThat(result.err()).startsWith("error: timed out after 1s waiting for service/web to be Ready: ")
          .contains("Invalid");
    }
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
  void forDeleteIsKubectlsSpellingOfDeleted() throws Exception {
    Drover.Running waiting = drover.start("wait", "service/web", "--for=delete", "--timeout", "30s");
    drover.run("delete", "service", "web");

    Drover.Result result = waiting.future().get(10, TimeUnit.SECONDS);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("service/web condition met: Deleted\n");
  }

  @Test
  void aServiceThatDoesNotExistYetIsWaitedForWithinTheTimeout() throws Exception {
    drover.interactive(true);
    Drover.Running waiting =
        drover.start("wait", "service", "api", "--for", "condition=Ready", "--timeout", "30s");
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting.err().equals(
        "service/api: it does not exist\n"));
    Docs.write(dir.resolve("api.yaml"), Docs.service("api", 1));
    drover.run("apply", "-f", "api.yaml");
    drover.writeStatus("api", Statuses.running(0, 1, 1));

    Drover.Result result = waiting.future().get(10, TimeUnit.SECONDS);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("service/api condition met: Ready\n");
  }

  @Test
  void rejectsUnknownConditionsAndTimesOutOnMissingServices() {
    Drover.Result unknown = drover.run("wait", "service", "web", "--for", "condition=Happy");
    Drover.Result missing =
        drover.run("wait", "service", "nothing", "--for", "condition=Ready", "--timeout", "1s");

    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("invalid --for 'condition=Happy': expected condition=TYPE "
        + "with TYPE one of Accepted, Ready, Progressing, Degraded, Deleted, or delete");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("error: timed out after 1s waiting for service/nothing to "
        + "be Ready: it does not exist\n");
  }
}

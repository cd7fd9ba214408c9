package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.ValidatorIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DescribeCommandTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder().build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  @Test
  void summarizesSpecConditionsPlansAndTasks() throws Exception {
    Docs.write(dir.resolve("web.yaml"), Docs.service("web", 2));
    drover.run("apply", "-f", "web.yaml");
    drover.writeStatus("web", Statuses.running(0, 2, 1));

    Drover.Result result = drover.run("describe", "service", "web");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Name:       web\n")
        .contains("Generation: 0\n")
        .contains("Observed:   0\n")
        .contains("Phase:      Deploying\n")
        .contains("Ready:      1/2\n")
        .contains("Labels:     team=web\n")
        .contains("Pods:\n  hello (count 2)\n    server: goal RUNNING, cpus 0.1, memory 32 MiB\n"
            + "      cmd: sleep 1000\n")
        .contains("Spec hash:  5e1f\n")
        .containsPattern("Conditions:\n  TYPE +STATUS +REASON +MESSAGE +SINCE\n"
            + "  Accepted +True +Valid +- +2024-05-01T10:00:00Z\n"
            + "  Ready +False +TasksNotReady +1/2 tasks ready +2024-05-01T10:01:00Z\n")
        .contains("Plans:\n  deploy: IN_PROGRESS\n    hello: IN_PROGRESS\n"
            + "      hello-0: COMPLETE\n")
        .containsPattern("Tasks:\n  NAME +STATE +HOST +PORTS +HEALTHY +READY +MESSAGE\n"
            + "  hello-0-server +TASK_RUNNING +agent-0 +http=31000 +yes +yes +-\n"
            + "  hello-1-server +TASK_STAGING +agent-1 +http=31001 +yes +no +-\n")
        .doesNotContain("Errors:");
  }

  @Test
  void showsTheErrorsOfAnInvalidDocumentAndOfUnreadableStatus() throws Exception {
    drover.client().create().creatingParentsIfNeeded().forPath(drover.servicePath("bad"),
        "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: bad}\nspec: {pods: {}}\n"
            .getBytes());
    drover.writeStatus("bad", "{broken");

    Drover.Result result = drover.run("describe", "service/bad");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("Phase:      Invalid\n").contains("Errors:\n  spec.pods")
        .contains(drover.statusPath("bad") + " holds unreadable status JSON");
  }

  @Test
  void aStatusCheckingThisVersionSparesTheChecks() throws Exception {
    // Invalid, yet vouched for by a status whose check names exactly this version and this
    // build's validator: only a decode that takes the check, without the schema, shows it valid.
    String path = drover.servicePath("vouched");
    drover.client().create().creatingParentsIfNeeded().forPath(path, invalidButBindable("vouched"));
    long mzxid = drover.client().checkExists().forPath(path).getMzxid();
    drover.writeStatus("vouched", Statuses.checked(Statuses.running(0, 1, 1), mzxid, ValidatorIdentity.current(), 1));

    for (List<String> args : List.of(List.of("describe", "service", "vouched"), List.of("describe", "services"))) {
      Drover.Result result = drover.run(args.toArray(String[]::new));

      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(description(result.out(), "vouched")).as(args.toString())
          .contains("Phase:      Running\n").doesNotContain("Errors:\n  spec.pods");
    }
  }

  /** One service's description out of several (other tests' services are listed too). */
  private static String description(String out, String name) {
    int start = out.indexOf("Name:       " + name + "\n");
    assertThat(start).as(out).isNotNegative();
    int end = out.indexOf("\nName:", start + 1);
    return end < 0 ? out.substring(start) : out.substring(start, end);
  }

  @Test
  void aStatusCheckingAnotherVersionOrByAnotherValidatorIsNotTaken() throws Exception {
    String path = drover.servicePath("unvouched");
    drover.client().create().creatingParentsIfNeeded().forPath(path, invalidButBindable("unvouched"));
    long first = drover.client().checkExists().forPath(path).getMzxid();
    drover.client().setData().forPath(path, invalidButBindable("unvouched"));
    long mzxid = drover.client().checkExists().forPath(path).getMzxid();
    for (String status : List.of(
        Statuses.checked(Statuses.running(0, 1, 1), first, ValidatorIdentity.current(), 1),
        Statuses.checked(Statuses.running(0, 1, 1), mzxid, "0123456789abcdef", 1))) {
      drover.writeStatus("unvouched", status);

      Drover.Result result = drover.run("describe", "service", "unvouched");

      assertThat(result.out()).contains("Phase:      Invalid\n").contains("Errors:\n  spec.pods");
    }
  }

  private static byte[] invalidButBindable(String name) {
    return ("apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: " + name + "}\nspec: {pods: {}}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aMissingServiceIsANegativeOutcome() {
    Drover.Result result = drover.run("describe", "service", "nothing");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: service/nothing not found\n");
  }
}

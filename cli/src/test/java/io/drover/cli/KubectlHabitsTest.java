package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Habits kubectl users bring, through the real CLI against a real ZooKeeper: delete -f, get -o
 * wide, version and shell completion. (wait --for=delete and waiting for a service that does not
 * exist yet: WaitCommandTest.)
 */
class KubectlHabitsTest {

  @RegisterExtension
  static final DroverExtension CLI = DroverExtension.builder()
      .applying("web.yaml", Docs.service("web", 2))
      .applying("both.yaml", Docs.service("api", 1) + "---\n" + Docs.service("db", 1))
      .build();

  private final Drover drover = CLI.drover();
  private final Path dir = CLI.dir();

  @Test
  void deleteWithFilesDeletesEveryServiceTheyName() throws Exception {
    Drover.Result result = drover.run("delete", "-f", "both.yaml", "-f", "web.yaml");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo(
        "service/api deleted\nservice/db deleted\nservice/web deleted\n");
    assertThat(drover.stored("api")).isNull();
    assertThat(drover.stored("web")).isNull();
  }

  @Test
  void deleteWithADocumentThatNamesNoServiceDeletesNothing() throws Exception {
    Docs.write(dir.resolve("nameless.yaml"), "apiVersion: drover.io/v1\nkind: Service\n");

    Drover.Result result = drover.run("delete", "-f", "web.yaml", "nameless.yaml");
    Drover.Result both = drover.run("delete", "service", "web", "-f", "web.yaml");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("nameless.yaml: ")
        .endsWith("error: a document names no service: nothing was deleted\n");
    assertThat(drover.stored("web")).isNotNull();
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("give either services or -f PATH, not both");
  }

  @Test
  void getWideAddsThePlanTheHostsAndWhatHoldsTheServiceUp() throws Exception {
    drover.writeStatus("web", Statuses.running(0, 2, 1));
    drover.writeStatus("api", Statuses.running(0, 1, 1));

    Drover.Result result = drover.run("get", "service", "api", "web", "-o", "wide");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out().lines().toList()).hasSize(3);
    assertThat(result.out()).containsPattern(
        "NAME +GENERATION +OBSERVED +PHASE +READY +AGE +PLAN +HOSTS +MESSAGE\n")
        .containsPattern("api +0 +0 +Running +1/1 +\\S+ +deploy COMPLETE +agent-0 +-\n")
        .containsPattern("web +0 +0 +Deploying +1/2 +\\S+ +deploy IN_PROGRESS +agent-0 +1/2 tasks "
            + "ready\n");
  }

  @Test
  void versionNamesTheBuildTheCommitAndTheJava() throws Exception {
    Drover.Result result = drover.run("version");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("Version: 0.1.0")
        .contains("Java:    " + System.getProperty("java.version") + " (");
    String commit = headCommit();
    assertThat(result.out()).contains("Commit:  " + (commit == null ? "(unknown)" : commit) + "\n");
    assertThat(drover.run("--version").out()).startsWith("drover 0.1.0");
  }

  @Test
  void theBashCompletionScriptCompletesVerbsAndOptionsInBash() throws Exception {
    Drover.Result script = drover.run("completion", "bash");
    assertThat(script.exit()).isZero();
    assertThat(drover.run("completion", "zsh").out()).isEqualTo(script.out())
        .contains("ZSH_VERSION");
    assertThat(drover.run("completion", "fish").exit()).isEqualTo(2);
    Path file = dir.resolve("drover.bash");
    Files.writeString(file, script.out());

    assertThat(complete(file, "drover res")).contains("restart", "resume").doesNotContain("apply");
    assertThat(complete(file, "drover restart --w")).isEqualTo("--wait");
  }

  /** What bash's completion function offers for {@code line} (the cursor at its end). */
  private static String complete(Path script, String line) throws Exception {
    String words = line.endsWith(" ") ? line + "''" : line;
    String cmd = "source " + script + "; COMP_LINE='" + line + "'; COMP_WORDS=(" + words + "); "
        + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_POINT=${#COMP_LINE}; _complete_drover; "
        + "echo \"${COMPREPLY[@]}\"";
    // Outside a real completion bash warns about compopt on standard error; only the answer counts.
    Process bash = new ProcessBuilder("bash", "-c", cmd)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  /** The commit this checkout is at, as the build records it, or null outside a git checkout. */
  private static String headCommit() throws IOException, InterruptedException {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }
}

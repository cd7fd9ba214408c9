package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

  private final Drover drover = new Drover("127.0.0.1:1", Path.of("."));

  @ParameterizedTest
  @ValueSource(strings = {"apply", "get", "describe", "delete", "diff", "wait", "sync"})
  void everyVerbDocumentsItsExitCodes(String verb) {
    Drover.Result help = drover.run(verb, "--help");

    assertThat(help.exit()).isZero();
    // Wrapping depends on the terminal width: compare with whitespace collapsed.
    String text = help.out().replaceAll("\\s+", " ");
    assertThat(text).contains("Exit codes: 0 success")
        .containsPattern(" 1 [a-z]")
        .contains(" 2 usage error")
        .contains(" 3 operational error (ZooKeeper unreachable, concurrent modification, access "
            + "refused)")
        .contains("--zk=HOST:PORT[,..][/CHROOT]", "--root=PATH", "--zk-auth=USER:PASSWORD",
            "--zk-timeout=DURATION");
  }

  @ParameterizedTest
  @ValueSource(strings = {"restart", "replace", "pause", "resume"})
  void everyOperatorVerbDocumentsItsExitCodesAndHowItReachesTheController(String verb) {
    Drover.Result help = drover.run(verb, "--help");

    assertThat(help.exit()).isZero();
    String text = help.out().replaceAll("\\s+", " ");
    assertThat(text).contains("Exit codes: 0 success (accepted; with --wait, ")
        .contains(" 1 the service, pod instance or plan does not exist")
        .contains(" 2 usage error")
        .contains(" 3 operational error (ZooKeeper or the controller unreachable, no leader "
            + "elected, the API token refused)")
        .contains("--wait", "--timeout=DURATION", "--controller=URL", "--api-token-file=FILE",
            "--zk=HOST:PORT[,..][/CHROOT]");
  }

  @Test
  void theTopLevelHelpListsTheVerbs() {
    Drover.Result help = drover.run("--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out().lines().map(String::strip))
        .anyMatch(l -> l.startsWith("apply ")).anyMatch(l -> l.startsWith("get "))
        .anyMatch(l -> l.startsWith("describe ")).anyMatch(l -> l.startsWith("delete "))
        .anyMatch(l -> l.startsWith("diff ")).anyMatch(l -> l.startsWith("wait "))
        .anyMatch(l -> l.startsWith("sync ")).anyMatch(l -> l.startsWith("restart "))
        .anyMatch(l -> l.startsWith("replace ")).anyMatch(l -> l.startsWith("pause "))
        .anyMatch(l -> l.startsWith("resume "));
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Drover.Result result = drover.run("get", "services", "--frobnicate");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("error: Unknown option: '--frobnicate'\n"
        + "Run 'drover get --help' for usage.\n");
  }
}

package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production jar's class path (this module's): no plugin brings the developer verbs, so each
 * says where to get it and exits 2, whatever its arguments, and the help does not list it.
 */
class DeveloperVerbsTest {

  private final Drover drover = new Drover("127.0.0.1:1", Path.of("."));

  @ParameterizedTest
  @ValueSource(strings = {"local", "mesos-local", "bench", "chaos"})
  void aDeveloperVerbSaysWhereToGetItAndExits2(String verb) {
    for (String[] args : new String[][] {{verb}, {verb, "--help"}, {verb, "all", "--quick", "--apply", "x.yaml"}}) {
      Drover.Result result = drover.run(args);

      assertThat(result.exit()).isEqualTo(2);
      assertThat(result.out()).isEmpty();
      assertThat(result.err()).isEqualTo("error: 'drover " + verb + "' is part of the developer build, not of "
          + "this jar: in a Drover source checkout run 'mvn -B -q package -DskipTests', then './drover " + verb
          + "' (it runs dist/target/drover-dev.jar)\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "mesos-local", "bench", "chaos"})
  void helpOnADeveloperVerbSaysWhereToGetIt(String verb) {
    Drover.Result help = drover.run("help", verb);

    assertThat(help.exit()).isZero();
    // Wrapping depends on the terminal width: compare with whitespace collapsed.
    assertThat(help.out().replaceAll("\\s+", " ")).contains("'drover " + verb + "' is part of the developer build")
        .contains("./drover " + verb);
  }

  @Test
  void theHelpListsNoDeveloperVerb() {
    Drover.Result help = drover.run("--help");

    assertThat(help.exit()).isZero();
    assertThat(help.out().lines().map(String::strip)).noneMatch(l -> l.startsWith("local ") || l.startsWith("mesos-local ") || l.startsWith("bench "));
  }
}

package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Only the verb a run names is built; everything else still sees every verb. */
class VerbRegistrationTest {

  private static final CliContext CONTEXT =
      new CliContext(new PrintWriter(new StringWriter(), true),
          new PrintWriter(new StringWriter(), true), InputStream.nullInputStream(), Map.of(), false,
          Clock.systemUTC(), Path.of("."));

  @Test
  void everyVerbIsRegisteredUnderItsOwnCommandName() {
    Main.VERBS.forEach((name, type) ->
        assertThat(type.getAnnotation(Command.class).name()).as(type.getName()).isEqualTo(name));
  }

  @Test
  void aNamedVerbIsTheOnlyVerbBuilt() {
    CommandLine cli = new CommandLine(new Main(CONTEXT));
    Main.addVerbs(cli, CONTEXT, "validate", "-f", "x.yaml");

    assertThat(cli.getSubcommands().keySet()).containsExactly("validate");
  }

  @Test
  void anythingElseGetsEveryVerbAndTheDeveloperVerbs() {
    for (String[] args : new String[][] {{}, {"--help"}, {"help", "get"}, {"frobnicate"}, {"bench"}}) {
      CommandLine cli = new CommandLine(new Main(CONTEXT));
      Main.addVerbs(cli, CONTEXT, args);

      assertThat(cli.getSubcommands().keySet()).as(String.join(" ", args))
          .containsAll(Main.VERBS.keySet()).containsAll(DeveloperVerbs.NAMES).contains("help");
    }
  }

  @Test
  void anUnknownVerbStillGetsASuggestion() {
    Drover.Result result = new Drover("127.0.0.1:1", Path.of(".")).run("vaildate");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("Unmatched argument at index 0: 'vaildate'")
        .contains("validate");
  }

  /**
   * In a JVM of its own, as {@code ./drover} runs it: {@code validate} loads neither ZooKeeper's,
   * Curator's nor the controller's classes, and no XML parser for the
   * logging configuration.
   */
  @Test
  void validateLoadsNoStoreClasses(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes.log");
    List<String> command = List.of(
        ChildJvm.java(),
        "-Xlog:class+load=info:file=" + classes,
        "-cp", ChildJvm.classPathWithoutTestClasses(),
        Main.class.getName(), "validate", "-f", sample());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).startsWith("OK ");
    String loaded = Files.readString(classes);
    assertThat(loaded).contains("io.drover.cli.ValidateCommand ", "io.drover.api.Services ")
        .doesNotContain("org.apache.zookeeper.", "org.apache.curator.", "io.drover.controller.",
            "io.drover.cli.ZkOptions ", "ch.qos.logback.classic.joran.", "javax.xml.parsers.");
  }

  private static String sample() throws IOException {
    Path file = Path.of("..", "samples", "hello-world.yaml").toAbsolutePath().normalize();
    assertThat(file).exists();
    return file.toString();
  }
}

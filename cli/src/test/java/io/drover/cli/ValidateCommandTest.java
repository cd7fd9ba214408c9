package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ValidateCommandTest {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static final String VALID =
      """
      apiVersion: drover.io/v1
      kind: Service
      metadata: {name: %s}
      spec:
        pods:
          p:
            tasks:
              t: {cmd: x, cpus: 0.1, memory: 8}
      """;

  /** Output, error output and exit code of one run. */
  private record Run(int exit, List<String> out, String err) {}

  private static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new ValidateCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString().lines().toList(), err.toString());
  }

  static List<Path> invalidSamples() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES.resolve("invalid"))) {
      return files.filter(p -> !p.toString().endsWith(".errors")).sorted().toList();
    }
  }

  @Test
  void theSamplesDirectoryIsValidAndItsInvalidSubdirectoryIsNotRead() throws IOException {
    Run r = run("", "-f", SAMPLES.toString());
    assertThat(r.exit()).isZero();
    try (Stream<Path> files = Files.list(SAMPLES)) {
      List<String> expected =
          files
              .filter(p -> p.toString().endsWith(".yaml"))
              .sorted()
              .map(p -> "OK " + p + " service/" + nameOf(p))
              .toList();
      assertThat(r.out()).hasSizeGreaterThanOrEqualTo(5).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("invalidSamples")
  void eachInvalidSampleExitsOneWithItsPathPreciseErrors(Path sample) throws IOException {
    String name = sample.getFileName().toString();
    Path errors = sample.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".errors");
    Run r = run("", "-f", sample.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .containsExactlyElementsOf(
            Files.readAllLines(errors).stream().map(line -> sample + ": " + line).toList());
  }

  @Test
  void recursiveReadsSubdirectoriesToo() {
    Run r = run("", "-R", "-f", SAMPLES.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .anyMatch(l -> l.startsWith("OK "))
        .anyMatch(
            l ->
                l.startsWith(
                    SAMPLES.resolve("invalid").resolve("bad-names.yaml") + ": metadata.name: "));
  }

  @Test
  void readsStandardInput() {
    Run r = run(VALID.formatted("from-stdin"), "-f", "-");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsExactly("OK <stdin> service/from-stdin");
  }

  @Test
  void documentsOfAMultiDocumentFileAreNumbered(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("many.yml");
    Files.writeString(file, VALID.formatted("one") + "---\n" + VALID.formatted("Two"));
    Run r = run("", "-f", file.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .containsExactly(
            "OK " + file + " service/one",
            file
                + " (document 2): metadata.name: Invalid value: \"Two\": must consist of lower case"
                + " letters, digits and '-', and start and end with a letter or digit (e.g."
                + " 'my-name')");
  }

  @Test
  void everyPathIsCheckedAndTheWorstOutcomeWins(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.json");
    Files.writeString(
        good,
        "{\"apiVersion\": \"drover.io/v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"j\"},"
            + " \"spec\": {\"pods\": {\"p\": {\"tasks\": {\"t\": {\"cmd\": \"x\", \"cpus\": 1,"
            + " \"memory\": 8}}}}}}");
    Path missing = dir.resolve("missing.yaml");
    Run r = run("", "-f", missing.toString(), good.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).containsExactly("OK " + good + " service/j");
    assertThat(r.err())
        .isEqualTo(
            "drover validate: "
                + missing
                + ": cannot read: no such file or directory"
                + System.lineSeparator());
  }

  @Test
  void aDirectoryWithoutDocumentsIsNotValid(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "not a document");
    Run r = run("", "-f", dir.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).containsExactly(dir + ": no *.yaml, *.yml or *.json files found");
  }

  @Test
  void validateIsASubcommandOfDrover() {
    Drover drover = new Drover("127.0.0.1:1", Path.of("."));
    Drover.Result ok = drover.run("validate", "-f", SAMPLES.resolve("hello-world.yaml").toString());
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).startsWith("OK ");
    assertThat(drover.run("validate").exit()).isEqualTo(2);
  }

  private static String nameOf(Path sample) {
    String n = sample.getFileName().toString();
    return n.substring(0, n.length() - ".yaml".length());
  }
}

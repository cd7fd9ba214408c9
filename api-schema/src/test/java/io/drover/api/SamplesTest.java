package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The repository's samples: every one in samples/ is valid, and every document in samples/invalid/
 * produces exactly the lines of its sibling .errors file.
 */
class SamplesTest {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static final Path INVALID = SAMPLES.resolve("invalid");

  static List<Path> validSamples() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  static List<Path> invalidSamples() throws IOException {
    try (Stream<Path> files = Files.list(INVALID)) {
      return files.filter(p -> !p.toString().endsWith(".errors")).sorted().toList();
    }
  }

  @Test
  void thereAreEnoughSamples() throws IOException {
    assertThat(validSamples()).hasSizeGreaterThanOrEqualTo(5);
    assertThat(invalidSamples()).hasSizeGreaterThanOrEqualTo(10);
    try (Stream<Path> files = Files.list(INVALID)) {
      assertThat(files.filter(p -> p.toString().endsWith(".errors")))
          .as("every .errors file has its document")
          .allSatisfy(e -> assertThat(invalidSamples()).anyMatch(d -> errorsFileOf(d).equals(e)));
    }
  }

  @ParameterizedTest
  @MethodSource("validSamples")
  void validSamplesAreValidAndPointEditorsAtTheSchema(Path sample) throws IOException {
    byte[] content = Files.readAllBytes(sample);
    List<LoadedDocument> docs = Services.load(sample.toString(), content);
    assertThat(docs).isNotEmpty().allSatisfy(d -> assertThat(d.problems()).isEmpty());
    assertThat(new String(content, StandardCharsets.UTF_8))
        .startsWith("# yaml-language-server: $schema=../docs/schema/service.schema.json\n");
  }

  @ParameterizedTest
  @MethodSource("invalidSamples")
  void invalidSamplesProduceExactlyTheirExpectedErrors(Path sample) throws IOException {
    List<String> expected = Files.readAllLines(errorsFileOf(sample));
    List<LoadedDocument> docs = Services.load(sample.toString(), Files.readAllBytes(sample));
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).problems())
        .extracting(Problem::toString)
        .containsExactlyElementsOf(expected);
  }

  static Path errorsFileOf(Path document) {
    String name = document.getFileName().toString();
    return document.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".errors");
  }
}

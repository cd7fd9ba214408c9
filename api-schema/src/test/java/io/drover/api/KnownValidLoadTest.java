package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Services#loadKnownValid}: for content the validator accepts it gives what {@link
 * Services#load} gives, without repeating the checks; content that does not read as one bindable
 * document gets the full load.
 */
class KnownValidLoadTest {

  static List<Path> validSamples() throws IOException {
    return SamplesTest.validSamples().stream().filter(KnownValidLoadTest::oneDocument).toList();
  }

  private static boolean oneDocument(Path sample) {
    try {
      return Services.load(sample.toString(), Files.readAllBytes(sample)).size() == 1;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("validSamples")
  void aValidDocumentReadsAsTheFullLoadGivesIt(Path sample) throws IOException {
    byte[] content = Files.readAllBytes(sample);
    LoadedDocument full = Services.load("s", content).get(0);

    List<LoadedDocument> known = Services.loadKnownValid("s", content);

    assertThat(known).hasSize(1);
    LoadedDocument doc = known.get(0);
    assertThat(doc.valid()).isTrue();
    assertThat(doc.name()).isEqualTo(full.name());
    assertThat(doc.resource()).isEqualTo(full.resource());
    assertThat(doc.canonical()).as("computed when asked for").isNull();
    assertThat(doc.canonicalJson()).isEqualTo(full.canonicalJson());
    assertThat(doc.specHash()).isEqualTo(full.specHash());
  }

  @Test
  void aMultiDocumentSourceGetsTheFullLoad() throws IOException {
    byte[] content = (Files.readString(SamplesTest.validSamples().get(0)) + "\n---\n"
        + Files.readString(SamplesTest.validSamples().get(1))).getBytes(StandardCharsets.UTF_8);

    assertThat(Services.loadKnownValid("s", content)).isEqualTo(Services.load("s", content));
  }

  @Test
  void theChecksAreNotRepeated() {
    // Invalid (a service runs at least one pod) but bindable: taken as the recorded check says.
    byte[] content = "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: bad}\nspec: {pods: {}}\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(Services.load("s", content).get(0).valid()).isFalse();

    assertThat(Services.loadKnownValid("s", content).get(0).valid()).isTrue();
  }

  @Test
  void syntaxErrorsAndEmptyContentAreReportedAsTheFullLoadReportsThem() {
    for (String text : List.of("not: [a service", "", "- a\n- list\n", "just text")) {
      byte[] content = text.getBytes(StandardCharsets.UTF_8);
      assertThat(Services.loadKnownValid("s", content)).as(text).isEqualTo(Services.load("s", content));
    }
  }
}

package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expanded size is the UTF-8 length of the canonical JSON, counted without encoding it; loading
 * computes the canonical form once, and it is exactly what {@link Services#canonicalJson} and
 * {@link Services#specHash} give for the loaded resource.
 */
class ExpandedSizeTest {

  static List<Path> samples() throws Exception {
    return SamplesTest.validSamples();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySampleLoadsWithTheCanonicalFormAndSpecHashOfItsResource(Path sample) throws Exception {
    for (LoadedDocument doc : Services.load(sample.toString(), Files.readAllBytes(sample))) {
      assertThat(doc.canonical()).isNotNull();
      assertThat(doc.canonicalJson()).isEqualTo(Services.canonicalJson(doc.resource()));
      assertThat(doc.specHash()).isEqualTo(Services.specHash(doc.resource()));
      assertThat(DocumentLimits.expandedBytes(doc.canonicalJson())).isEqualTo(canonicalLength(doc));
    }
  }

  @Test
  void countsNonAsciiTextAsItsUtf8Bytes() {
    String doc = Docs.MINIMAL.replace("cmd: \"sleep 1000\"", "cmd: \"echo Zoë 東京 \\U0001F600; sleep 1000\"");
    LoadedDocument loaded = Docs.valid(doc);
    assertThat(DocumentLimits.expandedBytes(loaded.canonicalJson())).isEqualTo(canonicalLength(loaded));
  }

  @Test
  void aDocumentBuiltByHandComputesItsCanonicalFormWhenAskedAndAnInvalidOneHasNone() {
    LoadedDocument loaded = Docs.valid(Docs.MINIMAL);
    LoadedDocument byHand = new LoadedDocument("x", 0, loaded.name(), loaded.resource(), List.of());
    assertThat(byHand.canonical()).isNull();
    assertThat(byHand.canonicalJson()).isEqualTo(loaded.canonicalJson());
    assertThat(byHand.specHash()).isEqualTo(loaded.specHash());
    LoadedDocument invalid = new LoadedDocument("x", 0, null, null, List.of(Problem.at("", "bad")));
    assertThatThrownBy(invalid::canonicalJson).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("an invalid document has no canonical form");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "é", "東京", "\uD83D\uDE00", "a\uD83Db", "\uDE00x", "end\uD83D",
      "\uD83D\uD83D\uDE00", "\uDE00\uD83D"})
  void countsLikeStringGetBytes(String text) {
    Utf8Length length = new Utf8Length();
    length.write(text, 0, text.length());
    assertThat(length.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);

    Utf8Length byChar = new Utf8Length();
    text.chars().forEach(byChar::write);
    assertThat(byChar.bytes()).isEqualTo(length.bytes());
  }

  private static long canonicalLength(LoadedDocument doc) {
    return CanonicalForm.json(CanonicalForm.tree(doc.resource())).getBytes(StandardCharsets.UTF_8).length;
  }
}

package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The expanded size is counted, not built: it must equal the length of the canonical JSON. */
class ExpandedSizeTest {

  static List<Path> samples() throws Exception {
    return SamplesTest.validSamples();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void equalsTheCanonicalJsonLengthOfEverySample(Path sample) throws Exception {
    for (LoadedDocument doc : Services.load(sample.toString(), Files.readAllBytes(sample))) {
      assertThat(DocumentLimits.expandedBytes(doc.resource()))
          .isEqualTo(canonicalLength(doc));
    }
  }

  @Test
  void countsNonAsciiTextAsItsUtf8Bytes() {
    String doc = Docs.MINIMAL.replace("cmd: \"sleep 1000\"", "cmd: \"echo Zoë 東京 \\U0001F600; sleep 1000\"");
    LoadedDocument loaded = Docs.valid(doc);
    assertThat(DocumentLimits.expandedBytes(loaded.resource())).isEqualTo(canonicalLength(loaded));
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

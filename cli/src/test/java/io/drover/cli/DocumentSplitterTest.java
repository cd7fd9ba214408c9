package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentSplitterTest {

  @Test
  void splitsOnDocumentMarkersKeepingEachTextAsWritten() {
    String text = "# header comment\n---\na: 1 # one\n---  \nb: |\n  text\n--- c: 3\n...\n";

    assertThat(DocumentSplitter.split(text)).containsExactly("a: 1 # one\n", "b: |\n  text\n",
        "c: 3\n");
  }

  @Test
  void linesThatOnlyStartWithDashesAreContent() {
    String text = "a: \"---\"\nb: ----\n";

    assertThat(DocumentSplitter.split(text)).containsExactly(text);
  }

  @Test
  void jsonIsOneDocument() {
    String json = "{\n  \"a\": 1\n}\n";

    assertThat(DocumentSplitter.split(json)).containsExactly(json);
  }

  @Test
  void windowsLineEndingsAreUnderstood() {
    assertThat(DocumentSplitter.split("a: 1\r\n---\r\nb: 2\r\n"))
        .containsExactly("a: 1\r\n", "b: 2\r\n");
  }
}

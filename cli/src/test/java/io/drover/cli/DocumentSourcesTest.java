package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.cli.DocumentSources.RawFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourcesTest {

  @TempDir Path dir;

  @Test
  void aDirectorysFilesAreReadWholeWhateverTheirSize() throws Exception {
    byte[] small = Docs.service("web", 2).getBytes(StandardCharsets.UTF_8);
    // Larger than a stream's 8 KiB buffer, and not a multiple of it.
    byte[] large = ("# " + "x".repeat(20_000) + "\n" + Docs.service("db", 1)).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("a.yaml"), small);
    Files.write(dir.resolve("b.yaml"), large);
    Files.write(dir.resolve("c.yaml"), new byte[0]);
    CliContext context = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        System.in, Map.of(), false, Clock.systemUTC(), dir);

    List<RawFile> files = new DocumentSources(context).files(List.of("."), true);

    assertThat(files).extracting(RawFile::label).containsExactly("./a.yaml", "./b.yaml", "./c.yaml");
    assertThat(files).extracting(RawFile::bytes).containsExactly(small, large, new byte[0]);
    assertThat(DocumentSources.parse(files.get(1))).singleElement().satisfies(d -> assertThat(d.valid()).isTrue());
  }

  @Test
  void textsGiveEachDocumentsLabelTextAndNameAsParsingWould() throws Exception {
    Files.writeString(dir.resolve("both.yaml"),
        "---\n" + Docs.service("api", 1) + "---\n# only a comment\n---\n" + Docs.service("web", 2));
    Files.writeString(dir.resolve("one.json"), Docs.sameServiceAsJson("db", 1));
    List<RawFile> files = new DocumentSources(context()).files(List.of("both.yaml", "one.json"), false);

    List<SourceText> texts = new java.util.ArrayList<>(DocumentSources.texts(files.get(0)).orElseThrow());
    texts.addAll(DocumentSources.texts(files.get(1)).orElseThrow());

    assertThat(texts).containsExactly(
        new SourceText("both.yaml (document 1)", Docs.service("api", 1), "api"),
        new SourceText("both.yaml (document 2)", Docs.service("web", 2), "web"),
        new SourceText("one.json", Docs.sameServiceAsJson("db", 1), "db"));
    assertThat(DocumentSources.parse(files)).extracting(SourceDocument::label, SourceDocument::text, SourceDocument::name)
        .containsExactlyElementsOf(texts.stream()
            .map(t -> org.assertj.core.groups.Tuple.tuple(t.label(), t.text(), t.name())).toList());
  }

  @Test
  void textsAreNotToldForWhatOnlyParsingCanSay() throws Exception {
    Files.writeString(dir.resolve("ok.yaml"), Docs.service("ok", 1));
    Files.writeString(dir.resolve("nameless.yaml"), "apiVersion: drover.io/v1\nkind: Service\n");
    Files.writeString(dir.resolve("broken.yaml"), "metadata: {name: [\n");
    Files.writeString(dir.resolve("served.yaml"), Docs.service("served", 1) + "status: {phase: Running}\n");
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

    Files.writeString(dir.resolve("empty.yaml"), "");
    Files.writeString(dir.resolve("comments.yaml"), "# nothing yet\n---\n");

    for (String other : List.of("nameless.yaml", "broken.yaml", "served.yaml", "latin1.yaml",
        "missing.yaml", "empty.yaml", "comments.yaml")) {
      RawFile file = new DocumentSources(context()).files(List.of(other), false).get(0);

      assertThat(DocumentSources.texts(file)).as(other).isEmpty();
    }
    assertThat(DocumentSources.texts(new DocumentSources(context()).files(List.of("ok.yaml"), false).get(0)))
        .hasValueSatisfying(t -> assertThat(t).extracting(SourceText::name).containsExactly("ok"));
  }

  private CliContext context() {
    return new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        System.in, Map.of(), false, Clock.systemUTC(), dir);
  }
}

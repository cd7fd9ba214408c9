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

    List<RawFile> files = new DocumentSources(context).readDirectory(".");

    assertThat(files).extracting(RawFile::label).containsExactly("./a.yaml", "./b.yaml", "./c.yaml");
    assertThat(files).extracting(RawFile::bytes).containsExactly(small, large, new byte[0]);
    assertThat(DocumentSources.parse(files.get(1))).singleElement().satisfies(d -> assertThat(d.valid()).isTrue());
  }
}

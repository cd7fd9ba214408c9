package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's hello-world is the sample's: the same pods and tasks, so its snippets work on it.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theReadmesHelloWorldHasTheSamplesSpec() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher block = Pattern.compile(
        "```yaml\n(apiVersion: drover.io/v1\n.*?name: hello-world\n.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertThat(block.find()).as("the README shows hello-world").isTrue();

    LoadedDocument shown = only(block.group(1).getBytes(StandardCharsets.UTF_8));
    LoadedDocument sample = only(Files.readAllBytes(ROOT.resolve("samples/hello-world.yaml")));

    assertThat(Services.specHash(shown.resource())).isEqualTo(Services.specHash(sample.resource()));
    assertThat(readme).contains("restart pod hello-world hello-0");
  }

  private static LoadedDocument only(byte[] text) {
    List<LoadedDocument> docs = Services.load("README.md", text);
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).problems()).isEmpty();
    return docs.get(0);
  }
}

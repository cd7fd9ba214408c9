package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static io.drover.api.Docs.problems;
import static io.drover.api.Docs.valid;
import static io.drover.api.Docs.withTaskFields;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.Artifact;
import io.drover.api.model.PodSpec;
import org.junit.jupiter.api.Test;

/** Artifacts ({@code uris}) of pods and tasks: defaults, the URI rules, and no change for documents without. */
class ArtifactsTest {
  private static final String TASK = "spec.pods.web.tasks.server.";

  @Test
  void defaultsAreTheFetchersAndAnAbsentListStaysAbsent() {
    PodSpec pod = Services.withDefaults(valid(withTaskFields("uris: [{uri: 'https://repo/app.tgz'}]")).resource())
        .spec().pods().get("web");
    assertThat(pod.tasks().get("server").uris())
        .containsExactly(new Artifact("https://repo/app.tgz", true, false, false, null));
    assertThat(pod.uris()).isNull();
    assertThat(Services.canonicalJson(valid(MINIMAL).resource())).doesNotContain("uris");
  }

  @Test
  void urisMustBeHttpHttpsOrAbsoluteFileUris() {
    assertThat(problems(withTaskFields("""
        uris:
          - {uri: 'ftp://host/a.tgz'}
          - {uri: 'file://host/srv/a.tgz'}
          - {uri: 'https:///a.tgz'}
          - {uri: 'http://host/a b'}
          - {uri: 'file:///srv/a.tgz'}
          - {uri: 'HTTPS://Host/A.tgz'}
        """))).containsExactly(
        TASK + "uris[0].uri: Invalid value: \"ftp://host/a.tgz\": must be an http://, https:// or file:// URI (the"
            + " schemes Drover supports on the Mesos fetcher)",
        TASK + "uris[1].uri: Invalid value: \"file://host/srv/a.tgz\": a file URI names an absolute path on the agent:"
            + " file:///path/to/file",
        TASK + "uris[2].uri: Invalid value: \"https:///a.tgz\": has no host; write https://host/path",
        TASK + "uris[3].uri: Invalid value: \"http://host/a b\": not a URI (Illegal character in path); write e.g."
            + " https://host/app.tgz or file:///srv/app.tgz");
  }

  @Test
  void podUrisAreCheckedAndOutputFilesStayInTheSandbox() {
    String doc = MINIMAL.replace("    web:\n", "    web:\n      uris: [{uri: 'gopher://x/y'}]\n");
    assertThat(problems(doc)).containsExactly("spec.pods.web.uris[0].uri: Invalid value: \"gopher://x/y\": must be an"
        + " http://, https:// or file:// URI (the schemes Drover supports on the Mesos fetcher)");
    assertThat(problems(withTaskFields("uris: [{uri: 'https://h/a', outputFile: '../a'}, {uri: 'https://h/b', outputFile: /etc/b}]")))
        .allMatch(p -> p.contains("must be a relative path inside the sandbox")).hasSize(2);
  }
}

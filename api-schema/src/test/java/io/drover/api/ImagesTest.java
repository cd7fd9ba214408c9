package io.drover.api;

import static io.drover.api.Docs.MINIMAL;
import static io.drover.api.Docs.problems;
import static io.drover.api.Docs.valid;
import static io.drover.api.Docs.withTaskFields;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code image} on pods and tasks: Docker references, passed through as written. */
class ImagesTest {

  @Test
  void podsAndTasksNameImagesAndBadReferencesAreRefusedInWords() {
    var pod = valid(MINIMAL.replace("    web:\n", "    web:\n      image: debian:bookworm-slim\n")).resource()
        .spec().pods().get("web");
    assertThat(pod.image()).isEqualTo("debian:bookworm-slim");
    assertThat(valid(withTaskFields("image: 'registry.example.com:5000/team/app@sha256:" + "a".repeat(64) + "'"))
        .resource().spec().pods().get("web").tasks().get("server").image()).startsWith("registry.example.com:5000/");
    assertThat(problems(withTaskFields("image: 'Debian Latest'"))).containsExactly(
        "spec.pods.web.tasks.server.image: Invalid value: \"Debian Latest\": must be a Docker image reference in lower"
            + " case, such as 'debian:bookworm-slim' or 'registry.example.com:5000/team/app:1.2'");
  }
}

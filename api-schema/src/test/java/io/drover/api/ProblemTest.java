package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.api.model.ServiceResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void rendersKubectlStyle() {
    assertThat(Problem.invalid("spec.pods.hello.tasks.server.cpus", "-1", "must be greater than 0"))
        .hasToString(
            "spec.pods.hello.tasks.server.cpus: Invalid value: -1: must be greater than 0");
    assertThat(Problem.at("spec.pods", "Required value")).hasToString("spec.pods: Required value");
    assertThat(Problem.at("", "YAML syntax error")).hasToString("YAML syntax error");
    assertThat(Problem.invalid("", "[1]", "must be a mapping"))
        .hasToString("Invalid value: [1]: must be a mapping");
  }

  @Test
  void pathsBracketFreeFormKeysAndIndexes() {
    assertThat(FieldPath.of(List.of("spec", "pods", "env", "tasks", "t", "env", "MY.VAR")))
        .hasToString("spec.pods.env.tasks.t.env[MY.VAR]");
    assertThat(FieldPath.of(List.of("metadata", "labels", "example.com/team")))
        .hasToString("metadata.labels[example.com/team]");
    assertThat(FieldPath.of(List.of("spec", "pods", "p", "placement", "rules", 2, "value")))
        .hasToString("spec.pods.p.placement.rules[2].value");
    assertThat(FieldPath.of(List.of("spec", "pods", "labels", "tasks")))
        .hasToString("spec.pods.labels.tasks");
    assertThat(FieldPath.root()).hasToString("");
  }

  @Test
  void aLoadedDocumentHasAResourceExactlyWhenItIsValid() {
    ServiceResource r = new ServiceResource(null, null, null, null);
    assertThat(new LoadedDocument("s", 0, "n", r, List.of()).valid()).isTrue();
    assertThatThrownBy(() -> new LoadedDocument("s", 0, "n", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoadedDocument("s", 0, "n", r, List.of(Problem.at("", "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming reader of flat nodes answers as the tree it replaced did. */
class FlatJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"a\":\"x\",\"b\":true,\"c\":false,\"d\":null,\"e\":[\"p\",\"q\"],\"f\":3,\"g\":\"true\",\"h\":0}",
      "{\"a\":{\"nested\":[1,2]},\"b\":[],\"e\":[\"p\",[\"deeper\"],{\"o\":1}],\"x\":\"ignored\"}",
      "{}", "[\"not an object\"]", "\"text\"", ""})
  void answersAsAJsonTreeDoes(String json) throws IOException {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    FlatJson flat = FlatJson.parse(data);
    JsonNode tree = JSON.readTree(data);
    for (String f : List.of("a", "b", "c", "d", "e", "f", "g", "h", "missing")) {
      assertThat(flat.has(f)).as(f).isEqualTo(tree.has(f));
      assertThat(flat.hasNonNull(f)).as(f).isEqualTo(tree.hasNonNull(f));
      assertThat(flat.asBoolean(f)).as(f).isEqualTo(tree.path(f).asBoolean());
      assertThat(flat.textual(f)).as(f).isEqualTo(tree.path(f).isTextual() ? tree.get(f).asText() : null);
      if (!tree.path(f).isArray()) {
        assertThat(flat.asText(f, "none")).as(f).isEqualTo(tree.path(f).asText("none"));
      }
    }
    List<String> scalars = new ArrayList<>();
    tree.path("e").forEach(x -> scalars.add(x.isContainerNode() ? "" : x.asText()));
    assertThat(flat.strings("e")).isEqualTo(scalars);
  }

  @Test
  void malformedJsonFails() {
    assertThatThrownBy(() -> FlatJson.parse("{\"a\":".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
  }
}

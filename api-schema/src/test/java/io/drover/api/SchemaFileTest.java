package io.drover.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaFileTest {

  @Test
  void theDocsCopyIsIdenticalToTheShippedSchema() throws IOException {
    byte[] shipped;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(Services.SCHEMA_RESOURCE)) {
      assertThat(in).as(Services.SCHEMA_RESOURCE).isNotNull();
      shipped = in.readAllBytes();
    }
    Path copy = Path.of("..", "docs", "schema", "service.schema.json");
    assertThat(Files.readAllBytes(copy))
        .as(
            "docs/schema/service.schema.json must be a copy of api-schema/src/main/resources/"
                + Services.SCHEMA_RESOURCE
                + "; copy it over after changing the schema")
        .isEqualTo(shipped);
  }

  @Test
  void everyPatternOfTheSchemaHasAMessageInWords() throws IOException {
    List<String> patterns = new ArrayList<>();
    collectPatterns(schema(), patterns);
    assertThat(patterns)
        .isNotEmpty()
        .allSatisfy(
            p -> assertThat(PatternMessages.describe(p)).doesNotStartWith(PatternMessages.FALLBACK));
  }

  @Test
  void everyObjectOfTheSchemaRefusesUnknownFields() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    collectObjectsWithProperties(schema(), objects);
    assertThat(objects)
        .isNotEmpty()
        .allSatisfy(
            o ->
                assertThat(o.path("additionalProperties").asBoolean(true))
                    .as(o.toString())
                    .isFalse());
  }

  private static JsonNode schema() throws IOException {
    try (InputStream in =
        SchemaFileTest.class.getClassLoader().getResourceAsStream(Services.SCHEMA_RESOURCE)) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static void collectPatterns(JsonNode node, List<String> out) {
    if (node.isObject() && node.path("pattern").isTextual()) {
      out.add(node.get("pattern").asText());
    }
    node.forEach(child -> collectPatterns(child, out));
  }

  private static void collectObjectsWithProperties(JsonNode node, List<JsonNode> out) {
    if (node.isObject() && node.has("properties") && node.get("properties").isObject()) {
      out.add(node);
    }
    node.forEach(child -> collectObjectsWithProperties(child, out));
  }
}

package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a document tree against {@code drover/service.schema.json}, the source of truth for the
 * resource's structure. Thread-safe: the compiled schema is immutable and shared.
 */
final class SchemaCheck {
  static final String RESOURCE = "drover/service.schema.json";

  private static final JsonNode SCHEMA_TREE = loadSchemaTree();
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(
              SCHEMA_TREE,
              SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build());
  private static final SchemaTranslator TRANSLATOR = new SchemaTranslator(SCHEMA_TREE);

  private SchemaCheck() {}

  static List<SchemaFinding> check(JsonNode document) {
    List<SchemaFinding> findings = new ArrayList<>();
    for (ValidationMessage m : SCHEMA.validate(document)) {
      findings.add(TRANSLATOR.translate(m));
    }
    Set<String> superseded = new HashSet<>();
    findings.forEach(
        f -> {
          if (f.supersedes() != null) {
            superseded.add(f.supersedes());
          }
        });
    findings.removeIf(
        f ->
            f.problem().message().equals("Required value")
                && superseded.contains(f.problem().path()));
    return findings;
  }

  private static JsonNode loadSchemaTree() {
    try (InputStream in = SchemaCheck.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}

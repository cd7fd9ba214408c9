package io.drover.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shared, immutable-once-built Jackson mappers; ObjectMapper is thread-safe after
 * configuration.
 */
final class Mappers {
  /**
   * Binds a schema-checked tree to the model; unknown fields were already reported by the schema.
   */
  static final ObjectMapper BINDER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** Writes canonical JSON: compact, one line. Key order comes from the tree it is given. */
  static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Status JSON: tolerant of fields a newer controller may add. */
  static final ObjectMapper STATUS =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private Mappers() {}

  /**
   * Writes canonical YAML: no document marker, strings always quoted so that none can be read back
   * as a number, boolean or null, multi-line strings as literal blocks. Built on first use (a
   * holder class): most commands never write YAML, and the YAML generator's classes are not free
   * to load.
   */
  static ObjectMapper yaml() {
    return Yaml.MAPPER;
  }

  private static final class Yaml {
    static final ObjectMapper MAPPER =
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .build());
  }
}

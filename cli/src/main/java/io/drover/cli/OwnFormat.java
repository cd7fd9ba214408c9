package io.drover.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Rewrites a user's document in its own format: JSON stays JSON, YAML stays YAML (comments are
 * dropped), for the CLI's edits of a document's tree (the sync label, dropping server fields).
 */
final class OwnFormat {

  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // "10" must stay a string: env values and labels are strings.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OwnFormat() {}

  /** Whether {@code text} is a JSON object (else it is read as YAML). */
  static boolean isJson(String text) {
    return text.stripLeading().startsWith("{");
  }

  /** The mapper that reads and writes {@code text}'s own format. */
  static ObjectMapper mapperFor(String text) {
    return isJson(text) ? JSON : YAML;
  }
}

package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Renders offending values for {@link Problem}s: JSON text, strings quoted, long ones shortened.
 */
final class JsonValues {
  private static final int MAX_CHARS = 80;

  private JsonValues() {}

  static String render(JsonNode value) {
    String s = value.toString();
    if (s.length() <= MAX_CHARS) {
      return s;
    }
    return value.isTextual()
        ? s.substring(0, MAX_CHARS - 4) + "...\""
        : s.substring(0, MAX_CHARS - 3) + "...";
  }

  static String quote(String s) {
    return render(TextNode.valueOf(s));
  }

  /** "a mapping", "a list", "a string", ... as users of YAML call them. */
  static String kindOf(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isTextual()) {
      return "a string";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    if (value.isNull()) {
      return "null";
    }
    return value.isIntegralNumber() ? "an integer" : "a number";
  }
}

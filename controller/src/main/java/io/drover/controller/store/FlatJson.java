package io.drover.controller.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top-level fields of a JSON object, read with Jackson's streaming parser rather than into a
 * tree: the ServiceStore's state and task nodes are flat, and a recovery of 10,000 services reads
 * 20,000 of them, where building a tree for each was about a sixth of its decoding
 * (docs/performance.md, recovery-scale). For the values the scheduler writes (text, booleans,
 * arrays of text) the accessors answer as Jackson's {@code JsonNode} ones of the same name; a nested
 * object, or an array inside an array, is kept only as present. Immutable.
 */
final class FlatJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  /** The value of a field holding null. */
  private static final Object NULL = new Object();
  /** The value of an object, or of an array inside an array: present, but not read. */
  private static final Object NESTED = new Object();

  /** Values: String, Boolean, Number, {@link #NULL}, {@link #NESTED}, or a List of those (an array). */
  private final Map<String, Object> fields;

  private FlatJson(Map<String, Object> fields) {
    this.fields = fields;
  }

  /**
   * Parses {@code data}; no data, or a top-level value that is not an object, has no fields (as a
   * tree has none). Malformed JSON throws {@link IOException}.
   */
  static FlatJson parse(byte[] data) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(data)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return new FlatJson(fields);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        fields.put(name, t == JsonToken.START_ARRAY ? array(p) : value(p, t));
      }
    }
    return new FlatJson(fields);
  }

  private static List<Object> array(JsonParser p) throws IOException {
    List<Object> out = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      out.add(value(p, t));
    }
    return out;
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case START_OBJECT, START_ARRAY -> {
        p.skipChildren();
        yield NESTED;
      }
      default -> NULL;
    };
  }

  /** Whether the field is there, even as null. */
  boolean has(String field) {
    return fields.containsKey(field);
  }

  /** Whether the field is there and not null. */
  boolean hasNonNull(String field) {
    Object v = fields.get(field);
    return v != null && v != NULL;
  }

  /** The field's text when it holds text, else null. */
  String textual(String field) {
    return fields.get(field) instanceof String s ? s : null;
  }

  /** The field's value as text (a number or boolean as written), {@code otherwise} when absent or null. */
  String asText(String field, String otherwise) {
    return text(fields.get(field), otherwise);
  }

  /** True for {@code true}, the text "true" or a non-zero number. */
  boolean asBoolean(String field) {
    Object v = fields.get(field);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return s.trim().equals("true");
    }
    return v instanceof Number n && n.doubleValue() != 0;
  }

  /** The elements of an array field as text; empty when the field is no array. */
  List<String> strings(String field) {
    if (!(fields.get(field) instanceof List<?> values)) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(text(v, "")));
    return out;
  }

  private static String text(Object v, String otherwise) {
    if (v == null || v == NULL) {
      return otherwise;
    }
    return v == NESTED ? "" : v.toString();
  }
}

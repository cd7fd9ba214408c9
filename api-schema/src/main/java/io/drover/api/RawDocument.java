package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One document as parsed, before validation: its JSON tree, or the problems that kept it from being
 * read (then {@code tree} is null).
 */
record RawDocument(int index, JsonNode tree, List<Problem> problems) {
  RawDocument {
    problems = List.copyOf(problems);
  }

  /** {@code metadata.name} when the document gives it as text (valid or not), else null. */
  String name() {
    JsonNode name = tree == null ? null : tree.path("metadata").path("name");
    return name != null && name.isTextual() ? name.asText() : null;
  }

  static RawDocument parsed(int index, JsonNode tree) {
    return new RawDocument(index, tree, List.of());
  }

  static RawDocument unreadable(int index, Problem problem) {
    return new RawDocument(index, null, List.of(problem));
  }

  static RawDocument unreadable(int index, List<Problem> problems) {
    return new RawDocument(index, null, problems);
  }
}

package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** In-place edits of a document tree before binding. */
final class TreeEdits {
  private TreeEdits() {}

  /**
   * Drops mapping entries whose value is null, at any depth: as in Kubernetes, {@code env:} with
   * nothing after it means the same as leaving {@code env} out.
   */
  static void dropNullEntries(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.properties().removeIf(e -> e.getValue().isNull());
      o.forEach(TreeEdits::dropNullEntries);
    } else if (node instanceof ArrayNode a) {
      a.forEach(TreeEdits::dropNullEntries);
    }
  }

  /**
   * Removes the value at {@code location} (a mapping entry is removed, a list item becomes null so
   * that other locations keep their indexes). Missing locations are ignored.
   */
  static void remove(JsonNode root, List<Object> location) {
    if (location.isEmpty()) {
      return;
    }
    JsonNode parent = root;
    for (Object segment : location.subList(0, location.size() - 1)) {
      parent = segment instanceof Integer i ? parent.path(i) : parent.path((String) segment);
    }
    Object last = location.get(location.size() - 1);
    if (parent instanceof ObjectNode o && last instanceof String name) {
      o.remove(name);
    } else if (parent instanceof ArrayNode a && last instanceof Integer i && i < a.size()) {
      a.set(i, NullNode.getInstance());
    }
  }
}

package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one composed YAML node graph into a JSON tree, enforcing what the composer does not: only
 * the core tags (no custom or language tags), scalar keys written once, no recursive aliases, a
 * bounded number of nodes after alias expansion, finite numbers. Merge keys ({@code <<}) are
 * applied: explicit keys win over merged ones. Not thread-safe; one instance per document.
 */
final class YamlTreeBuilder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<Tag> ALLOWED =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

  private final List<Problem> problems = new ArrayList<>();
  private final Set<Node> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());
  private int nodes;

  /** Thrown to stop at once when a limit is hit; the reason is already in {@link #problems}. */
  private static final class LimitReached extends RuntimeException {
    LimitReached() {
      super(null, null, false, false);
    }
  }

  /** The tree, or null with {@link #problems()} saying why. */
  JsonNode build(Node root) {
    try {
      JsonNode tree = convert(root, new ArrayList<>());
      return problems.isEmpty() ? tree : null;
    } catch (LimitReached e) {
      return null;
    }
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }

  private JsonNode convert(Node node, List<Object> at) {
    if (++nodes > DocumentLimits.MAX_NODES) {
      fail(
          Problem.at(
              "",
              "the document expands to more than "
                  + DocumentLimits.MAX_NODES
                  + " values (through aliases?); write it out plainly"));
    }
    if (at.size() > DocumentLimits.MAX_NESTING_DEPTH) {
      fail(Problem.at("", DocumentLimits.TOO_DEEP));
    }
    if (!ALLOWED.contains(node.getTag())) {
      problems.add(
          Problem.at(
              FieldPath.of(at).toString(),
              "the tag "
                  + node.getTag().getValue().replace(Tag.PREFIX, "!!")
                  + " ("
                  + where(node)
                  + ") is not allowed; only plain YAML values are"));
      return NODES.nullNode();
    }
    if (!ancestors.add(node)) {
      fail(
          Problem.at(
              FieldPath.of(at).toString(),
              "a recursive alias (" + where(node) + ") is not allowed"));
    }
    try {
      if (node instanceof ScalarNode s) {
        return scalar(s, at);
      }
      if (node instanceof SequenceNode seq) {
        ArrayNode array = NODES.arrayNode();
        for (Node item : seq.getValue()) {
          List<Object> child = append(at, array.size());
          array.add(convert(item, child));
        }
        return array;
      }
      return mapping((MappingNode) node, at);
    } finally {
      ancestors.remove(node);
    }
  }

  private ObjectNode mapping(MappingNode node, List<Object> at) {
    Map<String, Node> firstKeys = new LinkedHashMap<>();
    ObjectNode object = NODES.objectNode();
    List<Node> merges = new ArrayList<>();
    for (NodeTuple t : node.getValue()) {
      Node keyNode = t.getKeyNode();
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merges.add(t.getValueNode());
        continue;
      }
      if (!(keyNode instanceof ScalarNode k) || !ALLOWED.contains(keyNode.getTag())) {
        problems.add(
            Problem.at(
                FieldPath.of(at).toString(),
                "a key ("
                    + where(keyNode)
                    + ") must be a plain string, not a list, a mapping or a tagged value"));
        continue;
      }
      String key = k.getValue();
      List<Object> child = append(at, key);
      Node first = firstKeys.putIfAbsent(key, keyNode);
      if (first != null) {
        problems.add(
            Problem.at(
                FieldPath.of(child).toString(),
                "duplicate key (lines "
                    + line(first)
                    + " and "
                    + line(keyNode)
                    + "); write each key once"));
        continue;
      }
      object.set(key, convert(t.getValueNode(), child));
    }
    for (Node merge : merges) {
      List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
      for (Node source : sources) {
        if (!(source instanceof MappingNode) || !source.getTag().equals(Tag.MAP)) {
          problems.add(
              Problem.at(
                  FieldPath.of(at).toString(),
                  "a merge key (<<, "
                      + where(source)
                      + ") must refer to a mapping or a list of mappings"));
          continue;
        }
        convert(source, at)
            .fields()
            .forEachRemaining(
                e -> {
                  if (!object.has(e.getKey())) {
                    object.set(e.getKey(), e.getValue());
                  }
                });
      }
    }
    return object;
  }

  private JsonNode scalar(ScalarNode s, List<Object> at) {
    String v = s.getValue();
    Tag tag = s.getTag();
    if (tag.equals(Tag.STR)) {
      return NODES.textNode(v);
    }
    if (tag.equals(Tag.NULL)) {
      return NODES.nullNode();
    }
    if (tag.equals(Tag.BOOL)) {
      return NODES.booleanNode(v.equalsIgnoreCase("true"));
    }
    if (tag.equals(Tag.INT) && CoreSchemaResolver.CORE_INT.matcher(v).matches()) {
      return integer(v);
    }
    if (tag.equals(Tag.FLOAT) && CoreSchemaResolver.CORE_FLOAT.matcher(v).matches()) {
      if (v.contains(".inf")
          || v.contains(".Inf")
          || v.contains(".INF")
          || v.startsWith(".n")
          || v.startsWith(".N")) {
        problems.add(Problem.invalid(FieldPath.of(at).toString(), v, "must be a finite number"));
        return NODES.nullNode();
      }
      return NODES.numberNode(new BigDecimal(v));
    }
    problems.add(
        Problem.invalid(
            FieldPath.of(at).toString(),
            "\"" + v + "\"",
            "cannot be read as " + tag.getValue() + " (" + where(s) + ")"));
    return NODES.nullNode();
  }

  private static JsonNode integer(String v) {
    BigInteger n;
    if (v.startsWith("0x")) {
      n = new BigInteger(v.substring(2), 16);
    } else if (v.startsWith("0o")) {
      n = new BigInteger(v.substring(2), 8);
    } else {
      n = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
    }
    if (n.bitLength() < 32) {
      return NODES.numberNode(n.intValue());
    }
    return n.bitLength() < 64 ? NODES.numberNode(n.longValue()) : NODES.numberNode(n);
  }

  private void fail(Problem p) {
    problems.add(p);
    throw new LimitReached();
  }

  private static List<Object> append(List<Object> at, Object segment) {
    List<Object> child = new ArrayList<>(at.size() + 1);
    child.addAll(at);
    child.add(segment);
    return child;
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  private static String where(Node n) {
    return "line " + line(n);
  }
}

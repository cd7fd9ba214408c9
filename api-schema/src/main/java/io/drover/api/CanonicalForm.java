package io.drover.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.api.model.ServiceResource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of a defaulted resource: every key sorted, except the phases of a plan, whose
 * order is their execution order. Documents that differ only in key order, layout, comments, JSON
 * vs YAML or explicitly written defaults have the same canonical form and spec hash.
 */
final class CanonicalForm {
  /** {@link Defaults#LATER_POD_FIELDS} and {@link Defaults#LATER_TASK_FIELDS} as trees, made once. */
  private static final Map<String, JsonNode> LATER_POD_DEFAULTS = trees(Defaults.LATER_POD_FIELDS);
  private static final Map<String, JsonNode> LATER_TASK_DEFAULTS = trees(Defaults.LATER_TASK_FIELDS);

  private CanonicalForm() {}

  static JsonNode tree(ServiceResource defaulted) {
    return sorted(Mappers.JSON.valueToTree(defaulted), List.of());
  }

  /** The canonical tree of a spec alone. */
  static JsonNode specTree(ServiceResource defaulted) {
    return sorted(Mappers.JSON.valueToTree(defaulted.spec()), List.of());
  }

  /**
   * The spec hash of a resource from its canonical spec tree ({@link #specTree}, or the {@code
   * spec} of {@link #tree}, which is the same), as {@link Services#specHash} computes it. It covers
   * the canonical spec less the defaulted fields added after the hash was first defined while they
   * hold their default ({@link Defaults#LATER_POD_FIELDS}, {@link Defaults#LATER_TASK_FIELDS}): a
   * document that does not use such a field keeps the hash it had before the field existed, so an
   * upgrade reruns no {@code FINISH} task; one that sets it to another value gets a new hash.
   * Changes {@code canonicalSpec}: the later defaults are dropped from it.
   */
  static String specHash(JsonNode canonicalSpec) {
    return sha256Hex(json(dropLaterDefaults(canonicalSpec)));
  }

  private static JsonNode dropLaterDefaults(JsonNode spec) {
    for (JsonNode pod : spec.path("pods")) {
      dropDefaults((ObjectNode) pod, LATER_POD_DEFAULTS);
      for (JsonNode task : pod.path("tasks")) {
        dropDefaults((ObjectNode) task, LATER_TASK_DEFAULTS);
      }
    }
    return spec;
  }

  private static void dropDefaults(ObjectNode node, Map<String, JsonNode> defaults) {
    defaults.forEach((field, value) -> {
      if (value.equals(node.get(field))) {
        node.remove(field);
      }
    });
  }

  private static Map<String, JsonNode> trees(Map<String, Object> values) {
    Map<String, JsonNode> out = new HashMap<>();
    values.forEach((field, value) -> out.put(field, Mappers.JSON.valueToTree(value)));
    return Map.copyOf(out);
  }

  static String json(JsonNode canonicalTree) {
    try {
      return Mappers.JSON.writeValueAsString(canonicalTree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static String yaml(JsonNode canonicalTree) {
    try {
      return Mappers.yaml().writeValueAsString(canonicalTree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static JsonNode sorted(JsonNode node, List<String> at) {
    if (node.isArray()) {
      var array = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> array.add(sorted(item, List.of())));
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    if (!isPhases(at)) {
      keys.sort(null);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String k : keys) {
      List<String> child = new ArrayList<>(at);
      child.add(k);
      out.set(k, sorted(node.get(k), child));
    }
    return out;
  }

  /** spec.plans.<plan>.phases, or <plan>.phases when only the spec is hashed. */
  private static boolean isPhases(List<String> at) {
    int n = at.size();
    return n >= 3
        && at.get(n - 1).equals("phases")
        && at.get(n - 3).equals("plans")
        && (n == 3 || (n == 4 && at.get(0).equals("spec")));
  }
}

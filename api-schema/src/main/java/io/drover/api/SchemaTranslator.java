package io.drover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns json-schema-validator messages into kubectl-style {@link Problem}s: the path in our
 * notation, the offending value, and words instead of schema jargon ("must be greater than 0",
 * "unknown field; did you mean "memory"?"). Stateless; reads the schema tree it is given.
 */
final class SchemaTranslator {
  private final JsonNode schemaRoot;

  SchemaTranslator(JsonNode schemaRoot) {
    this.schemaRoot = schemaRoot;
  }

  SchemaFinding translate(ValidationMessage m) {
    List<Object> at = segments(m.getInstanceLocation());
    JsonNode value = m.getInstanceNode();
    Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
    String path = FieldPath.of(at).toString();
    switch (m.getType()) {
      case "additionalProperties":
        return unknownField(m, at);
      case "required":
        {
          List<Object> field = append(at, m.getProperty());
          return new SchemaFinding(
              Problem.at(FieldPath.of(field).toString(), "Required value"), field, false, null);
        }
      case "propertyNames":
        return badName(m, at);
      case "type":
        return pruned(typeProblem(path, value, String.valueOf(args[1])), at);
      case "enum":
        return pruned(enumProblem(path, value, m.getSchemaNode()), at);
      case "minimum":
        return pruned(
            Problem.invalid(
                path,
                JsonValues.render(value),
                "must be greater than or equal to " + number(args[0])),
            at);
      case "exclusiveMinimum":
        return pruned(
            Problem.invalid(
                path, JsonValues.render(value), "must be greater than " + number(args[0])),
            at);
      case "maximum":
        return pruned(
            Problem.invalid(
                path, JsonValues.render(value), "must be less than or equal to " + number(args[0])),
            at);
      case "exclusiveMaximum":
        return pruned(
            Problem.invalid(path, JsonValues.render(value), "must be less than " + number(args[0])),
            at);
      case "minLength":
        return pruned(
            "1".equals(String.valueOf(args[0]))
                ? Problem.at(path, "Required value: must not be empty")
                : Problem.invalid(
                    path,
                    JsonValues.render(value),
                    "must be at least " + args[0] + " characters long"),
            at);
      case "maxLength":
        return pruned(tooLong(path, value, args[0]), at);
      case "pattern":
        return pruned(
            Problem.invalid(
                path,
                JsonValues.render(value),
                PatternMessages.describe(m.getSchemaNode().asText())),
            at);
      case "minProperties":
        return pruned(
            Problem.at(
                path,
                "1".equals(String.valueOf(args[0]))
                    ? "Required value: must not be empty"
                    : "must have at least " + args[0] + " entries"),
            at);
      default:
        return pruned(Problem.at(path, stripLocation(m.getMessage())), at);
    }
  }

  private SchemaFinding unknownField(ValidationMessage m, List<Object> at) {
    String name = m.getProperty();
    List<Object> field = append(at, name);
    List<String> known = new ArrayList<>();
    parentSchema(m).path("properties").fieldNames().forEachRemaining(known::add);
    Optional<String> guess = Suggestions.closest(name, known);
    if (at.isEmpty() && name.equals("status")) {
      return new SchemaFinding(
          Problem.at(
              "status",
              "unknown field; status is written by the controller"
                  + " under /drover/status, never in the document: remove it"),
          field,
          true,
          null);
    }
    String message =
        guess
            .map(g -> "unknown field; did you mean \"" + g + "\"?")
            .orElseGet(
                () ->
                    known.isEmpty()
                        ? "unknown field"
                        : "unknown field; known fields are " + String.join(", ", known));
    String supersedes = guess.map(g -> FieldPath.of(append(at, g)).toString()).orElse(null);
    return new SchemaFinding(
        Problem.at(FieldPath.of(field).toString(), message), field, true, supersedes);
  }

  private SchemaFinding badName(ValidationMessage m, List<Object> at) {
    String name = m.getProperty();
    List<Object> key = append(at, name);
    JsonNode nameSchema = resolve(m.getSchemaNode());
    String path = FieldPath.of(key).toString();
    Problem p;
    if (nameSchema.has("maxLength")
        && name.codePointCount(0, name.length()) > nameSchema.get("maxLength").asInt()) {
      p = tooLong(path, TextNode.valueOf(name), nameSchema.get("maxLength").asInt());
    } else if (nameSchema.has("pattern")) {
      p =
          Problem.invalid(
              path,
              JsonValues.quote(name),
              PatternMessages.describe(nameSchema.get("pattern").asText()));
    } else {
      p = Problem.invalid(path, JsonValues.quote(name), "is not a valid name");
    }
    return new SchemaFinding(p, key, false, null);
  }

  private static Problem typeProblem(String path, JsonNode value, String expected) {
    String want =
        switch (expected) {
          case "integer" -> "an integer";
          case "number" -> "a number";
          case "string" -> "a string";
          case "object" -> "a mapping";
          case "array" -> "a list";
          case "boolean" -> "true or false";
          default -> expected;
        };
    if (value.isContainerNode()) {
      return Problem.at(path, "must be " + want + ", not " + JsonValues.kindOf(value));
    }
    String hint = "";
    if (value.isTextual()
        && (expected.equals("number") || expected.equals("integer"))
        && isNumeric(value.asText())) {
      hint = " (write it without quotes)";
    } else if (expected.equals("string") && (value.isNumber() || value.isBoolean())) {
      hint = " (put it in quotes)";
    }
    return Problem.invalid(path, JsonValues.render(value), "must be " + want + hint);
  }

  private static Problem enumProblem(String path, JsonNode value, JsonNode allowed) {
    List<String> names = new ArrayList<>();
    allowed.forEach(v -> names.add(v.asText()));
    String supported = names.stream().map(JsonValues::quote).collect(Collectors.joining(", "));
    String hint =
        value.isTextual() && names.size() > 1
            ? Suggestions.closest(value.asText(), names)
                .map(g -> "; did you mean \"" + g + "\"?")
                .orElse("")
            : "";
    return Problem.invalid(path, JsonValues.render(value), "supported values: " + supported + hint);
  }

  private static Problem tooLong(String path, JsonNode value, Object max) {
    return Problem.invalid(
        path, JsonValues.render(value), "must be no more than " + max + " characters");
  }

  /**
   * The schema object that holds the failing keyword, e.g. the task definition for
   * additionalProperties.
   */
  private JsonNode parentSchema(ValidationMessage m) {
    JsonNodePath fragment = m.getSchemaLocation().getFragment();
    JsonNode node = schemaRoot;
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      Object e = fragment.getElement(i);
      node = e instanceof Integer idx ? node.path(idx) : node.path((String) e);
    }
    return resolve(node);
  }

  /** Follows a local {@code $ref} ("#/definitions/x"), the only kind this schema uses. */
  private JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    return ref == null ? schema : schemaRoot.at(ref.asText().substring(1));
  }

  private static SchemaFinding pruned(Problem p, List<Object> at) {
    return new SchemaFinding(p, at, true, null);
  }

  private static List<Object> segments(JsonNodePath path) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      out.add(path.getElement(i));
    }
    return out;
  }

  private static List<Object> append(List<Object> at, Object segment) {
    List<Object> out = new ArrayList<>(at);
    out.add(segment);
    return out;
  }

  private static boolean isNumeric(String s) {
    try {
      new BigDecimal(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String number(Object limit) {
    return new BigDecimal(String.valueOf(limit)).stripTrailingZeros().toPlainString();
  }

  private static String stripLocation(String message) {
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}

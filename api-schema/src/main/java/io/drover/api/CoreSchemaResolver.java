package io.drover.api;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 defaults, so
 * {@code yes}, {@code on}, {@code 1:30} and dates stay strings (an env value {@code DEBUG: yes} is
 * the string "yes", not a boolean). Merge keys ({@code <<}) are kept.
 */
final class CoreSchemaResolver extends Resolver {
  static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
  static final Pattern CORE_INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
  static final Pattern CORE_FLOAT =
      Pattern.compile(
          "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
  static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL)$");

  @Override
  protected void addImplicitResolvers() {
    addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF");
    addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789");
    addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789.");
    addImplicitResolver(Tag.MERGE, MERGE, "<");
    addImplicitResolver(Tag.NULL, CORE_NULL, "~nN");
    addImplicitResolver(Tag.NULL, EMPTY, null);
  }
}

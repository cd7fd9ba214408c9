package io.drover.reconcile.offer;

import io.drover.api.model.ConfigFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a task's config files at launch, when its ports are known, and delivers them inside the
 * TaskInfo: each file's content becomes an environment variable {@code DROVER_CONFIG_<NAME>}, and
 * a line before the command writes it to its path in the sandbox ({@code printf '%s'}, so the
 * content is written byte for byte; no tool beyond {@code sh} is needed in the sandbox or image).
 * The rendered files are stored with the launch, so a new leader sees exactly what was sent, and
 * no agent ever fetches anything from a controller.
 */
final class ConfigRenderer {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}");

  /** The rendered files: the variable carrying each, and the lines that write them. */
  record Rendered(Map<String, String> variables, List<String> lines) {}

  private ConfigRenderer() {}

  static Rendered render(Map<String, ConfigFile> configs, Map<String, String> vars) {
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    configs.forEach((name, config) -> {
      String variable = "DROVER_CONFIG_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
      variables.put(variable, render(config.template(), vars));
      int slash = config.path().lastIndexOf('/');
      String mkdir = slash < 0 ? "" : "mkdir -p '" + config.path().substring(0, slash) + "' && ";
      lines.add(mkdir + "printf '%s' \"$" + variable + "\" > '" + config.path() + "' || exit 1");
    });
    return new Rendered(variables, lines);
  }

  /** {@code {{VAR}}} replaced by {@code vars.get(VAR)}; a variable the task does not have stays as written. */
  static String render(String template, Map<String, String> vars) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}

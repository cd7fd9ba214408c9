package io.drover.api;

import io.drover.api.model.ConfigFile;
import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Config files of a task: distinct paths, placeholders that name variables the task has, no NUL
 * character, and at most {@value #MAX_RENDERED_BYTES} bytes once rendered (all files of the task,
 * counting each placeholder at the longest value its variable can have). They travel inside the
 * TaskInfo, so they must stay small.
 */
final class ConfigRules implements SemanticRule {
  static final int MAX_RENDERED_BYTES = 64 * 1024;
  /** {@code {{VAR}}}, spaces allowed inside the braces: the placeholders a template may hold. */
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}");
  /** The longest a port number ({@code 65535}) or an instance index ({@code 999}) is written. */
  private static final int PORT_LENGTH = 5;
  private static final int INDEX_LENGTH = 3;

  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.tasks(
        written,
        (pod, task, spec, at) -> {
          if (spec.configs() == null) {
            return;
          }
          Map<String, Integer> longest = variables(pod, task, spec);
          Map<String, String> byPath = new HashMap<>();
          long rendered = 0;
          for (Map.Entry<String, ConfigFile> e : spec.configs().entrySet()) {
            ConfigFile c = e.getValue();
            FieldPath path = at.child("configs").child(e.getKey());
            if (c == null || c.template() == null) {
              continue;
            }
            if (c.path() != null) {
              String first = byPath.putIfAbsent(c.path(), e.getKey());
              if (first != null) {
                out.add(Problem.invalid(path.child("path").toString(), JsonValues.quote(c.path()),
                    "already written by config \"" + first + "\"; each config needs its own path"));
              }
            }
            String carrier = "DROVER_CONFIG_" + e.getKey().toUpperCase(Locale.ROOT).replace('-', '_');
            if (spec.env() != null && spec.env().containsKey(carrier)) {
              out.add(Problem.at(at.child("env").key(carrier).toString(), "carries config \"" + e.getKey()
                  + "\" to the sandbox; choose another name"));
            }
            if (c.template().indexOf('\0') >= 0) {
              out.add(Problem.at(path.child("template").toString(), "contains a NUL character, which a config file cannot carry"));
            }
            rendered += c.template().getBytes(StandardCharsets.UTF_8).length;
            Matcher m = PLACEHOLDER.matcher(c.template());
            while (m.find()) {
              Integer length = longest.get(m.group(1));
              if (length == null) {
                out.add(Problem.at(path.child("template").toString(), "{{" + m.group(1) + "}} names no variable of the task;"
                    + " known: " + String.join(", ", new TreeMap<>(longest).keySet())));
              } else {
                rendered += length - m.group().length();
              }
            }
          }
          if (rendered > MAX_RENDERED_BYTES) {
            out.add(Problem.at(at.child("configs").toString(), "up to " + rendered + " bytes once rendered, more than the"
                + " limit of " + MAX_RENDERED_BYTES + " (64 KiB) for all config files of a task: ship large files as uris"));
          }
        });
  }

  /** Each variable a template may use, with the longest value it can have (in bytes). */
  private static Map<String, Integer> variables(String pod, String task, TaskSpec spec) {
    Map<String, Integer> out = new HashMap<>();
    if (spec.env() != null) {
      spec.env().forEach((k, v) -> out.put(k, v == null ? 0 : v.getBytes(StandardCharsets.UTF_8).length));
    }
    if (spec.ports() != null) {
      spec.ports().keySet().forEach(p -> out.put(PortSpec.envName(p), PORT_LENGTH));
    }
    out.put("POD_INSTANCE_INDEX", INDEX_LENGTH);
    out.put("TASK_NAME", pod.length() + INDEX_LENGTH + task.length() + 2);
    return out;
  }
}

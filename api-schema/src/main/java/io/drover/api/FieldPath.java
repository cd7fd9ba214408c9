package io.drover.api;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable position in a document, rendered as in kubectl: field names joined by dots, keys of
 * free-form maps ({@code labels}, {@code annotations}, {@code env}) and list indexes in brackets.
 * Names of pods, tasks, ports and phases are DNS labels and render as fields ({@code
 * spec.pods.web.tasks.server.cpus}).
 */
final class FieldPath {
  private static final FieldPath ROOT = new FieldPath("");

  private final String text;

  private FieldPath(String text) {
    this.text = text;
  }

  static FieldPath root() {
    return ROOT;
  }

  /** A field, or a map entry whose key is a DNS label. */
  FieldPath child(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  /** An entry of a free-form map. */
  FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  /**
   * The path of a JSON location given as segments (String names, Integer indexes), using the
   * document's shape to tell free-form map keys from fields.
   */
  static FieldPath of(List<Object> segments) {
    FieldPath p = ROOT;
    List<Object> seen = new ArrayList<>();
    for (Object s : segments) {
      if (s instanceof Integer i) {
        p = p.index(i);
      } else if (isFreeFormMap(seen)) {
        p = p.key((String) s);
      } else {
        p = p.child((String) s);
      }
      seen.add(s);
    }
    return p;
  }

  /** metadata.labels, metadata.annotations and spec.pods.*.tasks.*.env and .secrets hold user keys. */
  private static boolean isFreeFormMap(List<Object> parent) {
    if (parent.size() == 2 && "metadata".equals(parent.get(0))) {
      return "labels".equals(parent.get(1)) || "annotations".equals(parent.get(1));
    }
    return parent.size() == 6
        && "spec".equals(parent.get(0))
        && "pods".equals(parent.get(1))
        && "tasks".equals(parent.get(3))
        && ("env".equals(parent.get(5)) || "secrets".equals(parent.get(5)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && other.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}

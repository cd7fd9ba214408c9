package io.drover.chaos;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The services a chaos run keeps running: two stateful ones (persistent volumes, health and
 * readiness checks), a stateless one with checks, and {@value #EDITED}, the one the user edits
 * (count and environment). Temporary services ({@code tmp-N}, with a volume) come and go with the
 * user's edits.
 */
final class Workload {
  static final String EDITED = "edit-0";
  static final String TEMPORARY_PREFIX = "tmp-";

  /** A service's document as the user writes it, with its instance count. */
  record Doc(String name, int instances, byte[] yaml) {}

  private Workload() {}

  /** The services created before the first fault. */
  static List<Doc> initial() {
    return List.of(
        doc("store-0", 2, true, "1"),
        doc("store-1", 2, true, "1"),
        doc("web-0", 2, false, "1"),
        doc(EDITED, 1, false, "1"));
  }

  /** A temporary service: one instance with a volume. */
  static Doc temporary(int n) {
    return doc(TEMPORARY_PREFIX + n, 1, true, "1");
  }

  /** The edited service with {@code count} instances and {@code version} in its environment. */
  static Doc edited(int count, int version) {
    return doc(EDITED, count, false, Integer.toString(version));
  }

  /** The document of {@code name}: one pod of {@code count}, a volume or not, both checks. */
  static Doc doc(String name, int count, boolean volume, String version) {
    String check = volume ? "test -d data" : "true";
    StringBuilder y = new StringBuilder()
        .append("apiVersion: drover.io/v1\n")
        .append("kind: Service\n")
        .append("metadata:\n")
        .append("  name: ").append(name).append('\n')
        .append("spec:\n")
        .append("  pods:\n")
        .append("    app:\n")
        .append("      count: ").append(count).append('\n')
        .append("      tasks:\n")
        .append("        main:\n")
        .append("          cmd: \"").append(volume
            ? "mkdir -p data; while true; do date >> data/log; sleep 5; done"
            : "while true; do sleep 5; done").append("\"\n")
        .append("          cpus: 0.05\n")
        .append("          memory: 16\n")
        .append("          disk: 8\n")
        .append("          killGracePeriodSeconds: 1\n")
        .append("          env: {VERSION: \"").append(version).append("\"}\n")
        .append("          healthCheck: {cmd: \"").append(check)
        .append("\", intervalSeconds: 2, gracePeriodSeconds: 20}\n")
        .append("          readinessCheck: {cmd: \"").append(check).append("\", intervalSeconds: 1}\n");
    if (volume) {
      y.append("          volume: {path: data, sizeMiB: 16}\n");
    }
    return new Doc(name, count, y.toString().getBytes(StandardCharsets.UTF_8));
  }
}

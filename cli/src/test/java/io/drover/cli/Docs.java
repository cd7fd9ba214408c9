package io.drover.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Service documents for tests. */
final class Docs {

  private Docs() {}

  /** A valid service with one pod of {@code count} long-running tasks. */
  static String service(String name, int count) {
    return """
        # %s, as a user writes it
        apiVersion: drover.io/v1
        kind: Service
        metadata:
          name: %s
          labels: {team: web}
        spec:
          pods:
            hello:
              count: %d
              tasks:
                server:
                  cmd: "sleep 1000"
                  cpus: 0.1
                  memory: 32
        """.formatted(name, name, count);
  }

  /** The same service as {@link #service}, as JSON with explicit defaults and other key order. */
  static String sameServiceAsJson(String name, int count) {
    return """
        {"kind": "Service", "apiVersion": "drover.io/v1",
         "spec": {"pods": {"hello": {"tasks": {"server": {"memory": 32, "cpus": 0.1,
            "cmd": "sleep 1000", "goal": "RUNNING"}}, "count": %d}}},
         "metadata": {"labels": {"team": "web"}, "name": "%s"}}
        """.formatted(count, name);
  }

  /** A service whose cpus are invalid. */
  static String invalid(String name) {
    return service(name, 1).replace("cpus: 0.1", "cpus: -1");
  }

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

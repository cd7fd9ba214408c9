package io.drover.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Service documents the scenarios write: small, valid, realistic ones (one pod of
 * {@code count} instances, one long-running task with a port and a health check), named
 * {@code svc-00000}, {@code svc-00001}, ...
 */
final class ServiceDocuments {

  private ServiceDocuments() {}

  /** The name of service number {@code i}. */
  static String name(int i) {
    return String.format("svc-%05d", i);
  }

  /** The YAML document of service {@code name} with {@code count} instances of its pod. */
  static String yaml(String name, int count) {
    return yaml(name, count, false, "hello");
  }

  /**
   * The YAML document of service {@code name}: {@code count} instances of its pod, deployed all at
   * once when {@code parallel} (else one after another, the default plan), with {@code greeting}
   * in the task's environment (changing it changes the spec).
   */
  static String yaml(String name, int count, boolean parallel, String greeting) {
    String plans = parallel
        ? """
          plans:
            deploy:
              phases:
                web: {pod: web, strategy: parallel}
        """
        : "";
    return """
        apiVersion: drover.io/v1
        kind: Service
        metadata:
          name: %s
          labels:
            team: bench
        spec:
          pods:
            web:
              count: %d
              tasks:
                server:
                  goal: RUNNING
                  cmd: "python3 -m http.server $PORT_HTTP"
                  cpus: 0.01
                  memory: 8
                  ports:
                    http: {port: 0}
                  env: {GREETING: %s}
                  killGracePeriodSeconds: 1
        """
        .formatted(name, count, greeting) + plans;
  }

  /** The UTF-8 bytes of {@link #yaml}. */
  static byte[] bytes(String name, int count) {
    return yaml(name, count).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes services {@code 0..n-1} as {@code dir/<name>.yaml}, one pod instance each. */
  static void writeDirectory(Path dir, int n) throws IOException {
    writeDirectory(dir, n, 1, false);
  }

  /**
   * Writes services {@code 0..n-1} as {@code dir/<name>.yaml}, {@code count} instances each,
   * deployed in parallel or one after another.
   */
  static void writeDirectory(Path dir, int n, int count, boolean parallel) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < n; i++) {
      Files.writeString(dir.resolve(name(i) + ".yaml"), yaml(name(i), count, parallel, "hello"));
    }
  }
}

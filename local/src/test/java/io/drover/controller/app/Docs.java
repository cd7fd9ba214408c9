package io.drover.controller.app;

/** Service documents for the end-to-end tests. */
final class Docs {
  private Docs() {}

  /** One pod of {@code count} instances running {@code cmd}. */
  static String service(String name, int count, String cmd) {
    return """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: %s}
        spec:
          pods:
            web:
              count: %d
              tasks:
                server: {cmd: "%s", cpus: 0.1, memory: 32}
        """.formatted(name, count, cmd);
  }

  /**
   * {@code count} instances whose task ignores SIGTERM, so every kill takes the full grace period
   * ({@code graceSeconds}): updates and teardowns last long enough to change the leader midway.
   */
  static String slowToStop(String name, int count, int graceSeconds, String marker) {
    return """
        apiVersion: drover.io/v1
        kind: Service
        metadata: {name: %s}
        spec:
          pods:
            web:
              count: %d
              tasks:
                server:
                  cmd: "trap 'echo %s ignoring TERM' TERM; while true; do sleep 0.2; done"
                  cpus: 0.1
                  memory: 32
                  killGracePeriodSeconds: %d
        """.formatted(name, count, marker, graceSeconds);
  }

  /** Like {@link #service} with an invalid cpus value. */
  static String invalid(String name) {
    return service(name, 1, "exec sleep 600").replace("cpus: 0.1", "cpus: -1");
  }
}

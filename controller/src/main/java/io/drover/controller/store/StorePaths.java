package io.drover.controller.store;

import java.util.regex.Pattern;

/**
 * Drover's ZooKeeper layout under one root (default {@code /drover}); the single place that knows
 * it, so the CLI and the controller agree on every path.
 *
 * <pre>
 * ROOT/services/NAME   desired document as written (YAML or JSON), user-owned; version = generation
 * ROOT/status/NAME     status JSON, controller-owned
 * ROOT/leader          leader election participants
 * ROOT/scheduler       the scheduler's own state (framework id, ServiceStore)
 * </pre>
 */
public record StorePaths(String root) {

  // A node name that cannot escape its parent; service names are further restricted by the schema.
  private static final Pattern NODE_NAME = Pattern.compile("[^/\\s]+");

  public StorePaths {
    if (!root.startsWith("/") || (root.length() > 1 && root.endsWith("/"))) {
      throw new IllegalArgumentException("invalid root '" + root + "'");
    }
  }

  public String services() {
    return child(root, "services");
  }

  public String service(String name) {
    return child(services(), checkedName(name));
  }

  public String secrets() {
    return child(root, "secrets");
  }

  public String secret(String name) {
    return child(secrets(), checkedName(name));
  }

  public String statuses() {
    return child(root, "status");
  }

  public String status(String name) {
    return child(statuses(), checkedName(name));
  }

  public String leader() {
    return child(root, "leader");
  }

  public String scheduler() {
    return child(root, "scheduler");
  }

  private static String child(String parent, String name) {
    return parent.equals("/") ? "/" + name : parent + "/" + name;
  }

  private static String checkedName(String name) {
    if (name == null || !NODE_NAME.matcher(name).matches() || name.equals(".")
        || name.equals("..")) {
      throw new IllegalArgumentException("invalid service name '" + name + "'");
    }
    return name;
  }
}

package io.drover.controller.store;

import java.util.Optional;

/**
 * The access classes of Drover's ZooKeeper nodes: who may write a node depends only on where it
 * lies under the root. Both identities may read every class.
 */
public enum NodeClass {
  /** The root itself; only {@code drover zk init} changes it. */
  ROOT("only the controller identity may"),
  /** {@code ROOT/services} and the desired documents in it, {@code ROOT/secrets} and the secrets: the user identity's. */
  SERVICES("only the user identity may"),
  /** {@code ROOT/status}, {@code ROOT/scheduler}, {@code ROOT/leader} and everything below. */
  CONTROLLER("only the controller identity may");

  private final String writers;

  NodeClass(String writers) {
    this.writers = writers;
  }

  /** Who may write nodes of this class, as the end of a sentence: "only the user identity may". */
  public String writers() {
    return writers;
  }

  /**
   * The class of {@code path} (a path inside the client's chroot), or empty for nodes outside
   * Drover's layout (the root's ancestors, unknown children of the root).
   */
  public static Optional<NodeClass> of(StorePaths paths, String path) {
    if (path.equals(paths.root())) {
      return Optional.of(ROOT);
    }
    if (within(paths.services(), path) || within(paths.secrets(), path)) {
      return Optional.of(SERVICES);
    }
    if (within(paths.statuses(), path) || within(paths.scheduler(), path)
        || within(paths.leader(), path)) {
      return Optional.of(CONTROLLER);
    }
    return Optional.empty();
  }

  /** The top-level node of {@code path}'s class: {@code ROOT/status} for a status node, etc. */
  static Optional<String> subtreeOf(StorePaths paths, String path) {
    for (String top : new String[] {
        paths.services(), paths.secrets(), paths.statuses(), paths.scheduler(), paths.leader()}) {
      if (within(top, path)) {
        return Optional.of(top);
      }
    }
    return Optional.empty();
  }

  private static boolean within(String top, String path) {
    return path.equals(top) || path.startsWith(top + "/");
  }
}

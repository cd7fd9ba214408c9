package io.drover.controller.store;

import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Turns ZooKeeper's bare {@code NoAuth} into a message that says what was refused, to whom, who is
 * allowed, and what to check:
 * {@code not allowed to write /drover/status/x as user 'ci': only the controller identity may;
 * check --zk-auth}.
 *
 * <p>The allowed identity comes from the node's place in the layout ({@link NodeClass}), as
 * {@code drover zk init} sets it up; the refused identity is asked from the server, so the message
 * names the user a session really has (a wrong password still shows the user name, and the hint
 * says to check it).
 */
public final class AccessDenied {

  /** What the refused operation needed. */
  public enum Access {
    READ("read"),
    WRITE("write");

    private final String verb;

    Access(String verb) {
      this.verb = verb;
    }
  }

  private static final String HINT =
      "check the credentials given with --zk-auth (or DROVER_ZK_AUTH), user and password";

  private AccessDenied() {}

  /**
   * The message for {@code e}, a NoAuth that {@code client} got on a node under {@code paths}.
   * Talks to the server once (to ask who the client is); never throws.
   */
  public static String explain(
      CuratorFramework client, StorePaths paths, Access access, KeeperException e) {
    String path = withoutNamespace(client.getNamespace(), e.getPath());
    return message(access, path, SessionIdentity.describe(client), NodeClass.of(paths, path));
  }

  /** The message for a refused {@code access} to {@code path} by {@code identity}. */
  public static String message(
      Access access, String path, String identity, Optional<NodeClass> nodeClass) {
    String who = nodeClass.map(c -> access == Access.READ
            ? "only the user and controller identities may"
            : c.writers())
        .orElse("the node's ACL does not allow it");
    return "not allowed to " + access.verb + " " + path + " as " + identity + ": " + who + "; "
        + HINT;
  }

  /** A server path without the client's namespace (its chroot), as the user wrote it. */
  static String withoutNamespace(String namespace, String path) {
    if (path == null) {
      return "(unknown node)";
    }
    if (namespace == null || namespace.isEmpty()) {
      return path;
    }
    String prefix = "/" + namespace;
    if (path.equals(prefix)) {
      return "/";
    }
    return path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
  }
}

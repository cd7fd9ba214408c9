package io.drover.controller.store;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach Drover's data in ZooKeeper: the ensemble, an optional chroot, the root under it,
 * optional digest credentials and the two timeouts.
 *
 * <p>The connection string is written as ZooKeeper clients write it,
 * {@code host:port[,host:port...][/chroot]}. Instances are immutable and validated on creation:
 * a malformed value fails with an {@link IllegalArgumentException} whose message names the value.
 *
 * @param hosts {@code host:port[,host:port...]}, without the chroot
 * @param chroot the chroot without its leading slash ({@code a/b}), or empty for none
 * @param root Drover's root node inside the chroot, e.g. {@code /drover}
 * @param digestAuth {@code user:password} for ZooKeeper digest authentication, or null for none
 * @param sessionTimeout the ZooKeeper session timeout
 * @param connectionTimeout how long to wait for a connection before giving up
 */
public record ZkSettings(
    String hosts,
    String chroot,
    String root,
    String digestAuth,
    Duration sessionTimeout,
    Duration connectionTimeout) {

  public static final String DEFAULT_ROOT = "/drover";
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern HOST_PORT = Pattern.compile("[^,:/\\s]+:\\d{1,5}");
  private static final Pattern PATH = Pattern.compile("(/[^/\\s]+)+");

  public ZkSettings {
    Objects.requireNonNull(hosts, "hosts");
    Objects.requireNonNull(chroot, "chroot");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    for (String hostPort : hosts.split(",", -1)) {
      if (!HOST_PORT.matcher(hostPort).matches()) {
        throw new IllegalArgumentException(
            "invalid ZooKeeper address '" + hostPort + "' in '" + hosts
                + "': expected host:port[,host:port...][/chroot]");
      }
    }
    if (!chroot.isEmpty() && !PATH.matcher("/" + chroot).matches()) {
      throw new IllegalArgumentException("invalid ZooKeeper chroot '/" + chroot + "'");
    }
    if (!PATH.matcher(root).matches()) {
      throw new IllegalArgumentException(
          "invalid root '" + root + "': expected an absolute ZooKeeper path such as /drover");
    }
    if (digestAuth != null && (digestAuth.indexOf(':') <= 0)) {
      throw new IllegalArgumentException(
          "invalid ZooKeeper credentials: expected user:password");
    }
    if (sessionTimeout.isNegative() || sessionTimeout.isZero()
        || connectionTimeout.isNegative() || connectionTimeout.isZero()) {
      throw new IllegalArgumentException("ZooKeeper timeouts must be positive");
    }
  }

  /**
   * Settings for a connection string {@code host:port[,host:port...][/chroot]} with the default
   * root, no credentials and the default timeouts.
   */
  public static ZkSettings of(String connectString) {
    Objects.requireNonNull(connectString, "connectString");
    String trimmed = connectString.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "no ZooKeeper address: expected host:port[,host:port...][/chroot]");
    }
    int slash = trimmed.indexOf('/');
    String hosts = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String chroot = slash < 0 ? "" : stripSlashes(trimmed.substring(slash));
    return new ZkSettings(
        hosts, chroot, DEFAULT_ROOT, null, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
  }

  public ZkSettings withRoot(String newRoot) {
    String normalized = newRoot.length() > 1 && newRoot.endsWith("/")
        ? newRoot.substring(0, newRoot.length() - 1) : newRoot;
    return new ZkSettings(hosts, chroot, normalized, digestAuth, sessionTimeout, connectionTimeout);
  }

  public ZkSettings withDigestAuth(String userColonPassword) {
    return new ZkSettings(hosts, chroot, root, userColonPassword, sessionTimeout, connectionTimeout);
  }

  public ZkSettings withSessionTimeout(Duration timeout) {
    return new ZkSettings(hosts, chroot, root, digestAuth, timeout, connectionTimeout);
  }

  public ZkSettings withConnectionTimeout(Duration timeout) {
    return new ZkSettings(hosts, chroot, root, digestAuth, sessionTimeout, timeout);
  }

  /** The connection string as the user wrote it, for messages; never includes credentials. */
  public String connectString() {
    return chroot.isEmpty() ? hosts : hosts + "/" + chroot;
  }

  /** The paths of Drover's nodes under {@link #root()}. */
  public StorePaths paths() {
    return new StorePaths(root);
  }

  @Override
  public String toString() {
    // Never print the password.
    return "ZkSettings[" + connectString() + root + (digestAuth == null ? "" : ", digest auth")
        + ", session " + sessionTimeout + ", connect " + connectionTimeout + "]";
  }

  private static String stripSlashes(String s) {
    String r = s;
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }
}

package io.drover.controller.store;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.apache.curator.framework.AuthInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * A ZooKeeper digest identity: a user name and its password, as given to {@code addauth digest}.
 *
 * <p>The password never leaves this value except as the bytes sent to ZooKeeper ({@link
 * #authInfo()}) and as its one-way digest in an ACL ({@link #aclId()}); {@link #toString()} shows the
 * user only.
 *
 * @param user the user name; no colon
 * @param password the password; not empty
 */
public record DigestIdentity(String user, String password) {

  public DigestIdentity {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isEmpty() || user.contains(":") || password.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid ZooKeeper credentials: expected USER:PASSWORD with a non-empty user and password");
    }
  }

  /**
   * Parses {@code USER:PASSWORD} (the password may itself contain colons).
   *
   * @param what what the value is, for the message, e.g. {@code --controller-auth}
   * @throws IllegalArgumentException naming {@code what} (never the value) when malformed
   */
  public static DigestIdentity parse(String what, String userColonPassword) {
    int colon = userColonPassword == null ? -1 : userColonPassword.indexOf(':');
    if (colon <= 0 || colon == userColonPassword.length() - 1) {
      throw new IllegalArgumentException(
          "invalid " + what + ": expected USER:PASSWORD with a non-empty user and password");
    }
    return new DigestIdentity(
        userColonPassword.substring(0, colon), userColonPassword.substring(colon + 1));
  }

  /** The ACL id ZooKeeper gives a client authenticated with these credentials. */
  public Id aclId() {
    try {
      return new Id("digest", DigestAuthenticationProvider.generateDigest(user + ":" + password));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1, which ZooKeeper digests need", e);
    }
  }

  /** The authentication a Curator client sends on every (re)connection. */
  public AuthInfo authInfo() {
    return new AuthInfo("digest", (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "digest user '" + user + "'";
  }
}

package io.drover.controller.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (a password, a Mesos secret, an API token) that must never be printed: its
 * {@link #toString()} is a mask, so it can sit in configuration records that get logged, and the
 * value comes out only through {@link #reveal()} where it is sent. Immutable and thread-safe.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}, which must not be empty (IllegalArgumentException). */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a secret must not be empty");
    }
    return new Secret(value);
  }

  /** The value, for the one place that sends it (an HTTP header, a ZooKeeper auth packet). */
  public String reveal() {
    return value;
  }

  /** Compares in time independent of where {@code candidate} differs, so timing tells nothing. */
  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "****";
  }
}

package io.drover.controller.store;

import java.util.Objects;

/**
 * A store operation that did not happen, with a {@link Code} callers branch on and a message a user
 * can act on (it names the node or service and says what to do).
 *
 * <p>When this is thrown, the operation wrote nothing: every store write is a single ZooKeeper
 * operation, so it either happened completely or not at all.
 */
public final class StoreException extends Exception {

  /** What kind of failure; decides how a caller reacts (retry, re-read, report). */
  public enum Code {
    /** ZooKeeper could not be reached or the connection was lost during the operation. */
    UNAVAILABLE,
    /** The node changed (or appeared) since it was read: a compare-and-set failed. */
    CONFLICT,
    /** The node does not exist. */
    NOT_FOUND,
    /** ZooKeeper refused the operation because of an ACL. */
    NOT_AUTHORIZED,
    /** The content is larger than the store accepts. */
    TOO_LARGE,
    /** Any other ZooKeeper failure. */
    FAILED
  }

  private final Code code;

  public StoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public StoreException(Code code, String message) {
    this(code, message, null);
  }

  public Code code() {
    return code;
  }
}

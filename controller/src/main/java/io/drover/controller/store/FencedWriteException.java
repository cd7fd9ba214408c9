package io.drover.controller.store;

/**
 * A controller write refused because the writer is no longer the leader: deposed, or handing its
 * term over as it shuts down ({@link #shuttingDown()}).
 */
public final class FencedWriteException extends Exception {
  private final boolean shuttingDown;

  public FencedWriteException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** @param shuttingDown the writer is shutting down: see {@link #shuttingDown()} */
  public FencedWriteException(String message, Throwable cause, boolean shuttingDown) {
    super(message, cause);
    this.shuttingDown = shuttingDown;
  }

  /**
   * True when the writer refused its own write because it is shutting down: the expected end of a
   * term handed over on purpose (a rolling restart), not a deposition to alert on.
   */
  public boolean shuttingDown() {
    return shuttingDown;
  }
}

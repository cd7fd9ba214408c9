package io.drover.controller.store;

/** A controller write refused because the writer is no longer the leader. */
public final class FencedWriteException extends Exception {
  public FencedWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}

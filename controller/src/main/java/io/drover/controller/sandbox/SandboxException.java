package io.drover.controller.sandbox;

/** Why a task's sandbox cannot be read, with a message that says where and what to do. */
public final class SandboxException extends Exception {

  /** What went wrong, for callers that map it to an exit code or an HTTP status. */
  public enum Kind {
    /** The sandbox or the file is gone, or the task was never launched there. */
    GONE,
    /** The master or the agent cannot be reached, or answers otherwise than Mesos does. */
    UNAVAILABLE,
    /** The master URL is not one. */
    BAD_MASTER_URL
  }

  private final Kind kind;

  public SandboxException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

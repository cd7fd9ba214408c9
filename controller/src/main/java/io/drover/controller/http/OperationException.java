package io.drover.controller.http;

/** An operator action that was not carried out; {@link #code} says why, for the HTTP status. */
public final class OperationException extends Exception {

  /** Why an action was refused. */
  public enum Code {
    /** The service, pod instance or plan does not exist (404). */
    NOT_FOUND(404),
    /** The action does not fit the current state, e.g. the service is uninstalling (409). */
    CONFLICT(409),
    /** This replica does not lead, or the scheduler is not running yet (503). */
    UNAVAILABLE(503);

    private final int httpStatus;

    Code(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Code code;

  public OperationException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}

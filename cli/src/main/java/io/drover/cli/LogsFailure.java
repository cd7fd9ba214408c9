package io.drover.cli;

/** Why {@code drover logs} cannot show a task's output: a message that says what to do, and the exit code. */
final class LogsFailure extends Exception {

  private final int exitCode;

  LogsFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}

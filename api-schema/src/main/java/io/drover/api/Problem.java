package io.drover.api;

import java.util.Objects;

/**
 * One problem with a document, kubectl style.
 *
 * @param path where: dot-separated field names ({@code spec.pods.hello.tasks.server.cpus}), with
 *     map keys of free-form maps and list indexes in brackets ({@code env[MY_VAR]}, {@code
 *     rules[0]}); empty for problems of the whole document (syntax errors, size)
 * @param value the offending value as JSON text (strings quoted: {@code "Web"}, numbers plain:
 *     {@code -1}), or null when there is no single value to show (a missing field, a syntax error)
 * @param message what is wrong, and where it helps, what to do
 */
public record Problem(String path, String value, String message) {

  public Problem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** A problem with no value to show, e.g. {@code Required value}. */
  public static Problem at(String path, String message) {
    return new Problem(path, null, message);
  }

  /** A problem with a value, rendered as {@code path: Invalid value: <value>: message}. */
  public static Problem invalid(String path, String value, String message) {
    return new Problem(path, value, message);
  }

  /**
   * {@code path: Invalid value: -1: must be greater than 0}, or {@code path: message} when there is
   * no value; the {@code path: } prefix is left out when the path is empty.
   */
  @Override
  public String toString() {
    String body = value == null ? message : "Invalid value: " + value + ": " + message;
    return path.isEmpty() ? body : path + ": " + body;
  }
}

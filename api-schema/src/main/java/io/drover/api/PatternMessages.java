package io.drover.api;

import java.util.Map;

/**
 * What each regular expression of the schema means, in words, so errors say "must consist of lower
 * case letters..." rather than print a regex. A test checks every pattern in the schema is here.
 */
final class PatternMessages {
  static final String FALLBACK = "must match the regular expression ";

  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private static final Map<String, String> MESSAGES =
      Map.of(
          DNS_LABEL,
          "must consist of lower case letters, digits and '-', and start and end with a letter or"
              + " digit (e.g. 'my-name')",
          "^[A-Za-z_][A-Za-z0-9_]*$",
          "must consist of letters, digits and '_', and not start with a digit (e.g. 'MY_VAR')",
          "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$",
          "must be an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or"
              + " '.', starting and ending with a letter or digit (e.g. 'team' or"
              + " 'example.com/team')",
          "^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$",
          "must be empty or consist of letters, digits, '-', '_' and '.', starting and ending with"
              + " a letter or digit",
          "^[A-Za-z0-9_.-]+$",
          "must consist of letters, digits, '_', '.' and '-' (e.g. 'hostname' or 'rack')",
          "^[a-z_][a-z0-9_-]*[$]?$",
          "must be a Unix user name: lower case letters, digits, '_' and '-', not starting with a"
              + " digit or '-'",
          "^[a-z0-9][a-z0-9._/:@-]*$",
          "must be a Docker image reference in lower case, such as 'debian:bookworm-slim' or"
              + " 'registry.example.com:5000/team/app:1.2'",
          "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$",
          "must be a relative path inside the sandbox: segments of letters, digits, '_', '-' and"
              + " '.', none starting with '.' (e.g. 'data')");

  private PatternMessages() {}

  /** The words for {@code pattern}; the pattern itself when it has none (a test prevents that). */
  static String describe(String pattern) {
    return MESSAGES.getOrDefault(pattern, FALLBACK + pattern);
  }
}

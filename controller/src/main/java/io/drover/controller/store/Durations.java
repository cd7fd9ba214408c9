package io.drover.controller.store;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them on command lines and read them in messages: {@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} and sums such as {@code 1m30s}.
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a duration such as {@code 30s} or {@code 1m30s}.
   *
   * @throws IllegalArgumentException naming the value and the expected form
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.trim();
    if (!WHOLE.matcher(s).matches()) {
      throw new IllegalArgumentException("invalid duration '" + text
          + "': expected a number with a unit ms, s, m, h or d, such as 30s, 5m or 1m30s");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(s);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
    }
    return total;
  }

  /** Formats a duration the way {@link #parse} reads it, e.g. {@code 10s}, {@code 1m30s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder b = new StringBuilder(d.isNegative() ? "-" : "");
    Duration rest = d.abs();
    append(b, rest.toDays(), "d");
    append(b, rest.toHoursPart(), "h");
    append(b, rest.toMinutesPart(), "m");
    append(b, rest.toSecondsPart(), "s");
    append(b, rest.toMillisPart(), "ms");
    return b.toString();
  }

  private static void append(StringBuilder b, long n, String unit) {
    if (n > 0) {
      b.append(n).append(unit);
    }
  }
}

package io.drover.cli;

import java.time.Duration;
import java.time.Instant;

/** Ages shown in tables, kubectl style: {@code 45s}, {@code 3m20s}, {@code 25m}, {@code 5h}, {@code 3d}. */
final class Ages {

  private Ages() {}

  /** The age of something created at {@code since}, as of {@code now}; {@code -} when unknown. */
  static String of(Instant since, Instant now) {
    if (since == null) {
      return "-";
    }
    Duration d = Duration.between(since, now);
    if (d.isNegative()) {
      return "0s";
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    long m = d.toMinutes();
    if (m < 10) {
      return d.toSecondsPart() == 0 ? m + "m" : m + "m" + d.toSecondsPart() + "s";
    }
    long h = d.toHours();
    if (h < 3) {
      return m + "m";
    }
    if (h < 8) {
      return d.toMinutesPart() == 0 ? h + "h" : h + "h" + d.toMinutesPart() + "m";
    }
    long days = d.toDays();
    if (h < 48) {
      return h + "h";
    }
    if (days < 8) {
      return d.toHoursPart() == 0 ? days + "d" : days + "d" + d.toHoursPart() + "h";
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    return days / 365 + "y";
  }
}

package io.drover.api;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelled names: the closest candidate by Levenshtein distance. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code typed}, if it is close enough to be a likely typo: at most a
   * third of the typed length in edits (at least 2), ignoring case.
   */
  static Optional<String> closest(String typed, Collection<String> candidates) {
    String t = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, t.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(t, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * Levenshtein edit distance (insertions, deletions, substitutions), two-row dynamic programming.
   */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

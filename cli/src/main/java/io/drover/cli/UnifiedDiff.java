package io.drover.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-based unified diff ({@code diff -u} format, 3 lines of context). Common leading and
 * trailing lines are matched first; the rest by a longest-common-subsequence table. When that
 * table would be too large (two very different, very long texts) the differing middle is shown as
 * removed and added as a whole, which is still a correct diff, only not a minimal one.
 */
final class UnifiedDiff {

  private static final int CONTEXT = 3;
  private static final long MAX_TABLE_CELLS = 4_000_000;

  private enum Op { KEEP, REMOVE, ADD }

  private record Edit(Op op, String line) {}

  private UnifiedDiff() {}

  /** The diff from {@code before} to {@code after}, or an empty string when they are equal. */
  static String diff(String before, String after, String beforeLabel, String afterLabel) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    if (a.equals(b)) {
      return "";
    }
    List<Edit> edits = edits(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(beforeLabel).append('\n');
    out.append("+++ ").append(afterLabel).append('\n');
    appendHunks(out, edits);
    return out.toString();
  }

  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(body.split("\n", -1));
  }

  private static List<Edit> edits(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Edit> edits = new ArrayList<>();
    a.subList(0, prefix).forEach(l -> edits.add(new Edit(Op.KEEP, l)));
    middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), edits);
    a.subList(a.size() - suffix, a.size()).forEach(l -> edits.add(new Edit(Op.KEEP, l)));
    return edits;
  }

  private static void middle(List<String> a, List<String> b, List<Edit> edits) {
    int n = a.size();
    int m = b.size();
    if ((long) (n + 1) * (m + 1) > MAX_TABLE_CELLS) {
      a.forEach(l -> edits.add(new Edit(Op.REMOVE, l)));
      b.forEach(l -> edits.add(new Edit(Op.ADD, l)));
      return;
    }
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j))
            ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        edits.add(new Edit(Op.KEEP, a.get(i++)));
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Removals first on ties, as diff -u shows a changed line.
        edits.add(new Edit(Op.REMOVE, a.get(i++)));
      } else {
        edits.add(new Edit(Op.ADD, b.get(j++)));
      }
    }
  }

  private static void appendHunks(StringBuilder out, List<Edit> edits) {
    int k = 0;
    while (k < edits.size()) {
      if (edits.get(k).op() == Op.KEEP) {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // Extend over changes that are within 2 * CONTEXT kept lines of each other.
      while (end < edits.size()) {
        if (edits.get(end).op() != Op.KEEP) {
          end++;
          continue;
        }
        int run = end;
        while (run < edits.size() && edits.get(run).op() == Op.KEEP) {
          run++;
        }
        if (run == edits.size() || run - end > 2 * CONTEXT) {
          end = Math.min(run, end + CONTEXT);
          break;
        }
        end = run;
      }
      appendHunk(out, edits, start, end);
      k = end;
    }
  }

  private static void appendHunk(StringBuilder out, List<Edit> edits, int start, int end) {
    int aStart = 1;
    int bStart = 1;
    for (int k = 0; k < start; k++) {
      if (edits.get(k).op() != Op.ADD) {
        aStart++;
      }
      if (edits.get(k).op() != Op.REMOVE) {
        bStart++;
      }
    }
    int aCount = 0;
    int bCount = 0;
    StringBuilder body = new StringBuilder();
    for (int k = start; k < end; k++) {
      Edit e = edits.get(k);
      char mark = switch (e.op()) {
        case KEEP -> ' ';
        case REMOVE -> '-';
        case ADD -> '+';
      };
      aCount += e.op() == Op.ADD ? 0 : 1;
      bCount += e.op() == Op.REMOVE ? 0 : 1;
      body.append(mark).append(e.line()).append('\n');
    }
    out.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount))
        .append(" @@\n").append(body);
  }

  /** {@code start,count}; an empty range names the line before it, as diff -u does. */
  private static String range(int start, int count) {
    return (count == 0 ? start - 1 : start) + "," + count;
  }
}

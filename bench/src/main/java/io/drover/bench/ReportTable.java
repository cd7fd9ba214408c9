package io.drover.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human-readable report: the machine, one row per measured case, then one row per target with
 * whether it was met.
 */
final class ReportTable {

  private ReportTable() {}

  /** Prints the report for {@code entries} to {@code out}. */
  public static void print(List<ReportEntry> entries, PrintWriter out) {
    if (entries.isEmpty()) {
      return;
    }
    out.println("machine: " + entries.get(0).machine().summary());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SCENARIO", "CASE", "RESULT"});
    for (ReportEntry e : entries) {
      ScenarioResult r = e.result();
      if (!r.ok()) {
        rows.add(new String[] {r.scenario(), "-", "FAILED: " + r.error()});
      }
      for (Measurement c : r.cases()) {
        rows.add(new String[] {r.scenario(), c.label(), fields(c.fields())});
      }
    }
    printColumns(rows, out);
    List<String[]> targets = new ArrayList<>();
    targets.add(new String[] {"SCENARIO", "TARGET", "MEASURED", "MET"});
    for (ReportEntry e : entries) {
      for (TargetCheck t : e.result().targets()) {
        targets.add(
            new String[] {e.result().scenario(), t.target(), t.measured(), t.met() ? "yes" : "NO"});
      }
    }
    if (targets.size() > 1) {
      out.println();
      printColumns(targets, out);
    }
    out.flush();
  }

  private static String fields(Map<String, Object> fields) {
    return fields.entrySet().stream()
        .map(f -> f.getKey() + "=" + f.getValue())
        .collect(Collectors.joining(" "));
  }

  private static void printColumns(List<String[]> rows, PrintWriter out) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns - 1; i++) {
        line.append(String.format("%-" + widths[i] + "s  ", row[i]));
      }
      line.append(row[columns - 1]);
      out.println(line);
    }
  }
}

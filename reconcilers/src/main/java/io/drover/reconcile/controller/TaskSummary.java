package io.drover.reconcile.controller;

import io.drover.api.status.TaskRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Tasks counted by state for people: {@code 2 running}, {@code 1 running, 1 staging}, {@code 1 finished}. */
final class TaskSummary {
  private TaskSummary() {}

  static String of(List<TaskRow> tasks) {
    if (tasks.isEmpty()) {
      return "no task";
    }
    Map<String, Long> byState = new TreeMap<>(tasks.stream()
        .collect(Collectors.groupingBy(t -> label(t.state()), Collectors.counting())));
    // Running first, then the rest alphabetically.
    StringBuilder b = new StringBuilder();
    Long running = byState.remove("running");
    if (running != null) {
      b.append(running).append(" running");
    }
    byState.forEach((state, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(state));
    return b.toString();
  }

  private static String label(String state) {
    if (state == null) {
      return "unknown";
    }
    String s = state.startsWith("TASK_") ? state.substring(5) : state;
    return s.toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}

package io.drover.mesoslocal;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master's {@code /frameworks} and {@code /tasks} as the real master answers them
 * (master/readonly_handler.cpp): the frameworks and completed frameworks as in {@code /state},
 * optionally only {@code framework_id}; and every task (live, unreachable and completed, of
 * completed frameworks too) sorted by its first
 * status's timestamp, newest first unless {@code order=asc}, from {@code offset} on, at most
 * {@code limit} (100 unless given), optionally only {@code framework_id} and {@code task_id}.
 * Runs on the master loop.
 */
final class MasterListsView {

  /** The real master's default {@code limit} of {@code /tasks}. */
  private static final int TASK_LIMIT = 100;

  private MasterListsView() {}

  static Map<String, Object> frameworks(MasterState state, String rawQuery) {
    String frameworkId = first(query(rawQuery), "framework_id");
    List<Object> frameworks = new ArrayList<>();
    for (FrameworkRecord f : state.frameworks.values()) {
      if (frameworkId == null || frameworkId.equals(f.idValue())) {
        frameworks.add(StateView.framework(f, state));
      }
    }
    List<Object> completed = new ArrayList<>();
    state.removedFrameworks.forEach((id, c) -> {
      if (frameworkId == null || frameworkId.equals(id)) {
        completed.add(StateView.completedFramework(c, state));
      }
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("frameworks", frameworks);
    out.put("completed_frameworks", completed);
    out.put("unregistered_frameworks", List.of());
    return out;
  }

  @SuppressWarnings("unchecked") // StateView's views hold tasks as the maps and lists TaskView made.
  static Map<String, Object> tasks(MasterState state, String rawQuery) {
    Map<String, List<String>> query = query(rawQuery);
    String frameworkId = first(query, "framework_id");
    String taskId = first(query, "task_id");
    List<Map<String, Object>> tasks = new ArrayList<>();
    for (FrameworkRecord f : state.frameworks.values()) {
      if (frameworkId == null || frameworkId.equals(f.idValue())) {
        f.tasks.values().forEach(t -> tasks.add(TaskView.task(t)));
        f.completedTasks.forEach(t -> tasks.add(TaskView.task(t)));
      }
    }
    state.removedFrameworks.forEach((id, c) -> {
      if (frameworkId == null || frameworkId.equals(id)) {
        List<Object> completed = (List<Object>) StateView.completedFramework(c, state).get("completed_tasks");
        completed.forEach(t -> tasks.add((Map<String, Object>) t));
      }
    });
    tasks.removeIf(t -> taskId != null && !taskId.equals(t.get("id")));
    // A task without a status yet comes first in ascending order, last in descending order.
    Comparator<Map<String, Object>> ascending = Comparator.comparingDouble(t -> {
      List<Object> statuses = (List<Object>) t.get("statuses");
      return statuses.isEmpty() ? Double.NEGATIVE_INFINITY
          : ((Number) ((Map<String, Object>) statuses.get(0)).get("timestamp")).doubleValue();
    });
    tasks.sort("asc".equals(first(query, "order")) ? ascending : ascending.reversed());
    // As the real master reads them: a value that is not an integer is ignored, a negative one is read unsigned.
    long limit = Integer.toUnsignedLong(integer(query, "limit", TASK_LIMIT));
    long offset = Integer.toUnsignedLong(integer(query, "offset", 0));
    List<Object> out = new ArrayList<>();
    for (long i = offset; i < Math.min(tasks.size(), offset + limit); i++) {
      out.add(tasks.get((int) i));
    }
    return Map.of("tasks", out);
  }

  private static Map<String, List<String>> query(String rawQuery) {
    return rawQuery == null ? Map.of() : new QueryStringDecoder(rawQuery, false).parameters();
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static int integer(Map<String, List<String>> query, String name, int absent) {
    String value = first(query, name);
    if (value == null) {
      return absent;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return absent;
    }
  }
}

package io.drover.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.Phase;
import io.drover.api.status.ServiceStatus;
import io.drover.api.status.TaskRow;
import io.drover.controller.store.StatusDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of a status only what {@code get services}' table shows ({@link ServiceRow}) and what
 * vouches for the document ({@code checked}): {@code observedGeneration}, {@code phase}, each
 * task's {@code state}, {@code healthy} and {@code ready}, and the check. Every other field is
 * left null; the parser steps over it without binding it. A thousand statuses take about 40 ms
 * this way in a cold JVM against 190 ms bound whole (docs/performance.md, cli-latency, tenth
 * round), the largest part of the table's own work.
 *
 * <p>Unreadable as a whole decode finds it: JSON that does not parse (anywhere, skipped fields
 * included), or a field read here of the wrong type or, for the phase, an unknown value. A field
 * skipped here whose value has the wrong type is noticed only by the whole decode; the controller
 * never writes one. {@code TableStatusReaderTest} holds the two reads to the same rows.
 */
final class TableStatusReader implements StatusDocument.Reader {

  static final TableStatusReader INSTANCE = new TableStatusReader();

  private static final JsonFactory JSON = new JsonFactory();

  private TableStatusReader() {}

  @Override
  public ServiceStatus read(byte[] json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "a status");
      long observedGeneration = 0;
      Phase phase = null;
      List<TaskRow> tasks = null;
      DocumentCheck checked = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "observedGeneration" -> observedGeneration = number(p, value, field);
          case "phase" ->
              phase = value == JsonToken.VALUE_NULL ? null : Phase.fromJson(text(p, value, field));
          case "tasks" -> tasks = value == JsonToken.VALUE_NULL ? null : tasks(p, value);
          case "checked" -> checked = value == JsonToken.VALUE_NULL ? null : check(p, value);
          default -> p.skipChildren();
        }
      }
      expect(p, p.currentToken(), JsonToken.END_OBJECT, "the end of the status");
      return new ServiceStatus(observedGeneration, null, phase, null, null, tasks, null, null, null,
          checked);
    }
  }

  private static List<TaskRow> tasks(JsonParser p, JsonToken value) throws IOException {
    expect(p, value, JsonToken.START_ARRAY, "tasks as an array");
    List<TaskRow> tasks = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(p, t, JsonToken.START_OBJECT, "a task");
      String state = null;
      Boolean healthy = null;
      Boolean ready = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "state" -> state = v == JsonToken.VALUE_NULL ? null : text(p, v, field);
          case "healthy" -> healthy = bool(p, v, field);
          case "ready" -> ready = bool(p, v, field);
          default -> p.skipChildren();
        }
      }
      tasks.add(new TaskRow(null, null, state, null, null, null, healthy, ready, null));
    }
    return tasks;
  }

  private static DocumentCheck check(JsonParser p, JsonToken value) throws IOException {
    expect(p, value, JsonToken.START_OBJECT, "checked as an object");
    long mzxid = 0;
    String validator = null;
    long desiredTasks = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "mzxid" -> mzxid = number(p, v, field);
        case "validator" -> validator = v == JsonToken.VALUE_NULL ? null : text(p, v, field);
        case "desiredTasks" -> desiredTasks = number(p, v, field);
        default -> p.skipChildren();
      }
    }
    return new DocumentCheck(mzxid, validator, Math.toIntExact(desiredTasks));
  }

  /** A whole number; null reads as 0, as Jackson binds null to a primitive. */
  private static long number(JsonParser p, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return 0;
    }
    expect(p, value, JsonToken.VALUE_NUMBER_INT, field + " as a whole number");
    return p.getLongValue();
  }

  private static String text(JsonParser p, JsonToken value, String field) throws IOException {
    expect(p, value, JsonToken.VALUE_STRING, field + " as a string");
    return p.getText();
  }

  private static Boolean bool(JsonParser p, JsonToken value, String field) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
      throw new JsonParseException(p, "expected " + field + " as true or false, found " + value);
    }
    return value == JsonToken.VALUE_TRUE;
  }

  private static void expect(JsonParser p, JsonToken found, JsonToken expected, String what)
      throws JsonParseException {
    if (found != expected) {
      throw new JsonParseException(p, "expected " + what + ", found "
          + (found == null ? "the end of the input" : found));
    }
  }
}

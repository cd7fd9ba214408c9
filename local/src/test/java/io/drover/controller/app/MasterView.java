package io.drover.controller.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a Mesos master (real or mesos-local) says about tasks and reservations, read from its
 * {@code /state} and {@code /slaves} as an operator would: the tests check Drover's effects on the
 * cluster, not Drover's own view of them.
 */
final class MasterView {
  private static final Set<String> LIVE =
      Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_UNREACHABLE");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;

  MasterView(String url) {
    this.url = url;
  }

  /** A task as the master shows it. */
  record Task(String id, String name, String state, String executorId) {}

  /** The service's tasks that have not ended, by name ({@code <pod>-<index>-<task>}). */
  Map<String, Task> liveTasks(String service) throws IOException, InterruptedException {
    Map<String, Task> out = new TreeMap<>();
    for (Task t : tasks(service, "tasks")) {
      if (LIVE.contains(t.state())) {
        out.put(t.name(), t);
      }
    }
    return out;
  }

  /** The service's tasks that ended, oldest first as the master lists them. */
  List<Task> endedTasks(String service) throws IOException, InterruptedException {
    return tasks(service, "completed_tasks");
  }

  /** Every dynamic reservation on every agent whose {@code namespace} label is the service, as JSON. */
  List<String> reservations(String service) throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (JsonNode agent : get("/slaves").path("slaves")) {
      for (JsonNode resources : agent.path("reserved_resources_full")) {
        for (JsonNode r : resources) {
          String text = r.toString();
          if (text.contains("\"namespace\",\"value\":\"" + service + "\"")) {
            out.add(text);
          }
        }
      }
    }
    return out;
  }

  private List<Task> tasks(String service, String field) throws IOException, InterruptedException {
    List<Task> out = new ArrayList<>();
    for (JsonNode framework : get("/state").path("frameworks")) {
      for (JsonNode t : framework.path(field)) {
        if (t.path("id").asText().startsWith(service + "__")) {
          out.add(new Task(t.path("id").asText(), t.path("name").asText(), t.path("state").asText(),
              t.path("executor_id").asText()));
        }
      }
    }
    return out;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}

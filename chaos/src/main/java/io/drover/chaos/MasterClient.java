package io.drover.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the Mesos master's {@code GET /state} as the monitor needs it, over HTTP. */
final class MasterClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final String framework;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  /** The master at {@code url}; tasks of the framework named {@code framework}. */
  MasterClient(String url, String framework) {
    this.url = url;
    this.framework = framework;
  }

  /** The master's view, or null when it does not answer 200 with JSON. */
  Snapshot.Master read() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/state")).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? parse(JSON.readTree(r.body())) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private Snapshot.Master parse(JsonNode state) {
    Set<String> agents = new HashSet<>();
    for (JsonNode a : state.path("slaves")) {
      if (a.path("active").asBoolean()) {
        agents.add(a.path("id").asText());
      }
    }
    boolean connected = false;
    List<Snapshot.Task> tasks = new ArrayList<>();
    for (JsonNode f : state.path("frameworks")) {
      if (!f.path("name").asText().equals(framework)) {
        continue;
      }
      connected |= f.path("connected").asBoolean() && f.path("active").asBoolean();
      for (JsonNode t : f.path("tasks")) {
        tasks.add(task(t, false));
      }
      for (JsonNode t : f.path("unreachable_tasks")) {
        tasks.add(task(t, true));
      }
    }
    return new Snapshot.Master(state.path("id").asText(), connected, tasks, agents);
  }

  private static Snapshot.Task task(JsonNode t, boolean unreachable) {
    JsonNode statuses = t.path("statuses");
    JsonNode latest = statuses.size() == 0 ? t : statuses.get(statuses.size() - 1);
    boolean unhealthy = latest.has("healthy") && !latest.path("healthy").asBoolean();
    return new Snapshot.Task(t.path("id").asText(), t.path("state").asText(), t.path("slave_id").asText(),
        unreachable, unhealthy);
  }
}

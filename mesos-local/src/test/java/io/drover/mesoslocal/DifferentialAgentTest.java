package io.drover.mesoslocal;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Differential scenarios of an agent's own endpoints, as {@code drover logs} uses them: the agent
 * found through the master's {@code slaves[].pid}, its {@code /state} (executors with their sandbox
 * directory, completed executors and frameworks) and the files API (browse, read, download).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifferentialAgentTest extends DifferentialBase {

  private static final Pattern RUN_DIR =
      Pattern.compile(".*/slaves/([^/]+)/frameworks/([^/]+)/executors/([^/]+)/runs/([0-9a-f-]{36})");

  @Test
  @Order(1)
  void agentState() throws Exception {
    check("Agent /state: executors, sandbox directories, completed executors and frameworks", run -> {
      TestScheduler s = acking(run, drover("agent-state", "agent-state").build());
      Offer offer = offerFrom(run, s, 0, new java.util.HashSet<>());
      s.launch(offer, TestScheduler.task("as-running", offer, "sleep 300", 0.1, 32),
          TestScheduler.task("as-done", offer, "echo done", 0.1, 32));
      s.awaitUpdate("as-running", TaskState.TASK_RUNNING);
      s.awaitUpdate("as-done", TaskState.TASK_FINISHED);
      String fid = s.frameworkId().getValue();
      String agent = agentUrl(run, offer.getAgentId().getValue());
      JsonObject framework = await().atMost(Duration.ofSeconds(30)).until(() -> framework(agent, "frameworks", fid),
          f -> f != null && f.getAsJsonArray("completed_executors").size() == 1);
      JsonObject state = get(agent, "/state").json();
      run.note("agent: id=" + run.observed.agent(state.get("id").getAsString()) + " pid="
          + state.get("pid").getAsString().replaceFirst(":\\d+$", ":<port>") + " fields: "
          + List.of("id", "pid", "hostname", "frameworks", "completed_frameworks", "flags").stream()
              .filter(state::has).toList());
      run.note("framework: " + framework.get("name").getAsString() + " fields: " + new TreeSet<>(framework.keySet()));
      framework.getAsJsonArray("executors").forEach(e -> run.note("executor: " + executor(run, e.getAsJsonObject())));
      framework.getAsJsonArray("completed_executors")
          .forEach(e -> run.note("completed executor: " + executor(run, e.getAsJsonObject())));
      s.post(Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(s.frameworkId()).build());
      JsonObject completed = await().atMost(Duration.ofSeconds(30))
          .until(() -> framework(agent, "completed_frameworks", fid), f -> f != null);
      run.note("after TEARDOWN: in frameworks " + (framework(agent, "frameworks", fid) != null)
          + ", completed_frameworks: executors " + completed.getAsJsonArray("executors").size());
      completed.getAsJsonArray("completed_executors")
          .forEach(e -> run.note("completed executor: " + executor(run, e.getAsJsonObject())));
    });
  }

  @Test
  @Order(2)
  void filesApi() throws Exception {
    check("Agent files API: browse, read with offset and length, download, errors", run -> {
      TestScheduler s = acking(run, drover("agent-files", "agent-files").build());
      Offer offer = offerFrom(run, s, 0, new java.util.HashSet<>());
      s.launch(offer, TestScheduler.task("af-printer", offer,
          "echo out1; printf 'q\\042b\\134c\\001\\n'; echo err1 >&2; sleep 300", 0.1, 32));
      s.awaitUpdate("af-printer", TaskState.TASK_RUNNING);
      String agent = agentUrl(run, offer.getAgentId().getValue());
      String fid = s.frameworkId().getValue();
      JsonObject framework = await().atMost(Duration.ofSeconds(30)).until(() -> framework(agent, "frameworks", fid),
          f -> f != null && !f.getAsJsonArray("executors").isEmpty());
      String dir = framework.getAsJsonArray("executors").get(0).getAsJsonObject().get("directory").getAsString();
      String stdout = q(dir + "/stdout");
      await().atMost(Duration.ofSeconds(30)).until(() -> get(agent, "/files/read?path=" + stdout + "&offset=-1").body,
          b -> b.equals("{\"data\":\"\",\"offset\":12}"));
      List<String> calls = List.of(
          "/files/read?path=" + stdout + "&offset=0",
          "/files/read?path=" + stdout,
          "/files/read?path=" + stdout + "&offset=0&length=3",
          "/files/read?path=" + stdout + "&offset=7&length=100",
          "/files/read?path=" + stdout + "&offset=100",
          "/files/read?path=" + stdout + "&offset=0&length=0",
          "/files/read?path=" + stdout + "&offset=x",
          "/files/read?path=" + stdout + "&offset=-2",
          "/files/read?path=" + stdout + "&offset=0&length=-2",
          "/files/read?offset=0",
          "/files/read?path=" + q(dir + "/missing") + "&offset=0",
          "/files/read?path=" + q(dir) + "&offset=0",
          "/files/read?path=" + q(dir + "/../../../..") + "&offset=0",
          "/files/read?path=%2Ftmp&offset=0",
          "/files/read?path=" + q("/frameworks/" + fid + "/executors/af-printer/runs/latest/stdout") + "&offset=0",
          "/files/browse?path=" + stdout,
          "/files/browse?path=" + q(dir + "/missing"),
          "/files/browse",
          "/files/download?path=" + stdout,
          "/files/download?path=" + q(dir + "/missing"),
          "/files/download?path=" + q(dir));
      for (String call : calls) {
        Response r = get(agent, call);
        run.note(call.replace(stdout, "<sandbox>/stdout").replace(q(dir), "<sandbox>").replace(fid, "<framework>")
            + " -> " + r.status + " " + r.body.replace(dir, "<sandbox>").replace("\u0001", "\\x01").replace("\n", "\\n")
            + r.disposition.map(d -> " (" + d + ")").orElse(""));
      }
      Response browse = get(agent, "/files/browse?path=" + q(dir));
      List<String> entries = new ArrayList<>();
      for (JsonElement e : JsonParser.parseString(browse.body).getAsJsonArray()) {
        JsonObject entry = e.getAsJsonObject();
        String path = entry.get("path").getAsString();
        if (path.endsWith("/stdout")) {
          entries.add("stdout: path=" + path.replace(dir, "<sandbox>") + " mode=" + entry.get("mode").getAsString()
              + " size=" + entry.get("size") + " fields=" + new TreeSet<>(entry.keySet()));
        } else {
          entries.add(path.replace(dir + "/", ""));
        }
      }
      run.note("browse <sandbox> -> " + browse.status + " " + entries);
    });
  }

  private static String executor(Differential.Run run, JsonObject e) {
    var m = RUN_DIR.matcher(e.get("directory").getAsString());
    String dir = m.matches() ? "<work dir>/slaves/" + run.observed.agent(m.group(1)) + "/frameworks/<framework>/executors/"
        + m.group(3) + "/runs/<container>, container matches: " + m.group(4).equals(e.get("container").getAsString())
        : "unexpected " + e.get("directory");
    List<String> tasks = new ArrayList<>();
    e.getAsJsonArray("tasks").forEach(t -> tasks.add(taskText(t)));
    List<String> done = new ArrayList<>();
    e.getAsJsonArray("completed_tasks").forEach(t -> done.add(taskText(t)));
    return "id=" + e.get("id").getAsString() + " source=" + e.get("source").getAsString() + " directory=" + dir
        + " tasks=" + tasks + " completed_tasks=" + done;
  }

  private static String taskText(JsonElement t) {
    return t.getAsJsonObject().get("id").getAsString() + ":" + t.getAsJsonObject().get("state").getAsString();
  }

  /** The framework {@code id} in the agent's {@code frameworks} or {@code completed_frameworks}, or null. */
  private static JsonObject framework(String agent, String list, String id) throws Exception {
    for (JsonElement f : get(agent, "/state").json().getAsJsonArray(list)) {
      if (f.getAsJsonObject().get("id").getAsString().equals(id)) {
        return f.getAsJsonObject();
      }
    }
    return null;
  }

  /** The agent's base URL as a client finds it: the master's {@code slaves[].pid}. */
  private static String agentUrl(Differential.Run run, String agentId) throws Exception {
    for (JsonElement a : Differential.state(run.url()).getAsJsonArray("slaves")) {
      if (a.getAsJsonObject().get("id").getAsString().equals(agentId)) {
        String pid = a.getAsJsonObject().get("pid").getAsString();
        return "http://" + pid.substring(pid.indexOf('@') + 1);
      }
    }
    throw new AssertionError("no agent " + agentId + " in the master's /state");
  }

  private record Response(int status, String body, java.util.Optional<String> disposition) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }
  }

  private static Response get(String base, String path) throws Exception {
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Disposition"));
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each agent's own endpoints: its {@code /state} with sandbox directories and the files API, as a real agent's. */
class AgentEndpointsTest {

  @TempDir
  Path workDir;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().workDir(workDir).allocationInterval(Duration.ofMillis(100)).start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void agentStateNamesEachExecutorsSandboxAndTheFilesApiServesIt() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("files").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      s.launch(offer, TestScheduler.task("runner", offer, "echo out1; echo err1 >&2; sleep 600", 0.1, 32),
          TestScheduler.task("done", offer, "echo finished", 0.1, 32));
      s.awaitUpdate("runner", TaskState.TASK_RUNNING);
      s.awaitUpdate("done", TaskState.TASK_FINISHED);

      String agent = agentUrl();
      JsonObject framework = await().atMost(TestScheduler.WAIT).until(() -> frameworkOf(agent),
          f -> f != null && f.getAsJsonArray("completed_executors").size() == 1);
      JsonObject running = framework.getAsJsonArray("executors").get(0).getAsJsonObject();
      assertThat(running.get("id").getAsString()).isEqualTo("runner");
      assertThat(running.getAsJsonArray("tasks").get(0).getAsJsonObject().get("state").getAsString())
          .isEqualTo("TASK_RUNNING");
      String dir = running.get("directory").getAsString();
      assertThat(Path.of(dir)).isDirectory().startsWith(workDir);
      JsonObject done = framework.getAsJsonArray("completed_executors").get(0).getAsJsonObject();
      assertThat(done.getAsJsonArray("completed_tasks").get(0).getAsJsonObject().get("state").getAsString())
          .isEqualTo("TASK_FINISHED");

      await().atMost(TestScheduler.WAIT).until(() -> get(agent, "/files/read?path=" + q(dir + "/stdout") + "&offset=0")
          .body(), b -> b.equals("{\"data\":\"out1\\n\",\"offset\":0}"));
      // Offset -1, or none, answers the size.
      assertThat(get(agent, "/files/read?path=" + q(dir + "/stdout") + "&offset=-1").body())
          .isEqualTo("{\"data\":\"\",\"offset\":5}");
      assertThat(get(agent, "/files/read?path=" + q(dir + "/stdout")).body()).isEqualTo("{\"data\":\"\",\"offset\":5}");
      assertThat(get(agent, "/files/read?path=" + q(dir + "/stderr") + "&offset=1&length=3").body())
          .isEqualTo("{\"data\":\"rr1\",\"offset\":1}");
      assertThat(get(agent, "/files/read?path=" + q("/frameworks/" + s.frameworkId().getValue()
          + "/executors/runner/runs/latest/stdout") + "&offset=0").body()).isEqualTo("{\"data\":\"out1\\n\",\"offset\":0}");
      String doneDir = done.get("directory").getAsString();
      assertThat(get(agent, "/files/read?path=" + q(doneDir + "/stdout") + "&offset=0").body())
          .isEqualTo("{\"data\":\"finished\\n\",\"offset\":0}");
      assertThat(get(agent, "/files/browse?path=" + q(dir)).body())
          .contains("\"path\":\"" + dir + "/stderr\"", "\"path\":\"" + dir + "/stdout\"", "\"size\":5");
      HttpResponse<String> download = get(agent, "/files/download?path=" + q(dir + "/stdout"));
      assertThat(download.body()).isEqualTo("out1\n");
      assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=stdout");

      assertThat(get(agent, "/files/read?path=" + q(dir + "/nope") + "&offset=0").statusCode()).isEqualTo(404);
      assertThat(get(agent, "/files/read?path=" + q(workDir.toString()) + "&offset=0").statusCode()).isEqualTo(404);
      assertThat(get(agent, "/files/read?path=" + q(dir + "/../../../..") + "&offset=0").body())
          .isEqualTo("'" + dir + "/../../../..' is inaccessible.\n");
      HttpResponse<String> directory = get(agent, "/files/read?path=" + q(dir) + "&offset=0");
      assertThat(directory.statusCode()).isEqualTo(400);
      assertThat(directory.body()).isEqualTo("Cannot read a directory.\n");
      assertThat(get(agent, "/files/read?offset=0").body()).isEqualTo("Expecting 'path=value' in query.\n");
      assertThat(get(agent, "/files/read?path=" + q(dir + "/stdout") + "&offset=x").body())
          .isEqualTo("Failed to parse offset: Failed to convert 'x' to number.\n");
      assertThat(get(agent, "/files/read?path=" + q(dir + "/stdout") + "&offset=-2").body())
          .isEqualTo("Negative offset provided: -2.\n");
      assertThat(get(agent, "/files/download?path=" + q(dir + "/nope")).body()).isEqualTo("404 Not Found.");

      s.post(Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(s.frameworkId()).build());
      JsonObject state = await().atMost(TestScheduler.WAIT).until(() -> json(get(agent, "/state")),
          st -> st.getAsJsonArray("frameworks").isEmpty() && st.getAsJsonArray("completed_frameworks").size() == 1);
      assertThat(state.getAsJsonArray("completed_frameworks").get(0).getAsJsonObject()
          .getAsJsonArray("completed_executors")).hasSize(2);
      assertThat(get(agent, "/files/read?path=" + q(dir + "/stdout") + "&offset=0").body())
          .isEqualTo("{\"data\":\"out1\\n\",\"offset\":0}");
    }
  }

  @Test
  void aStoppedAgentDoesNotAnswerAndAnswersAgainOnItsPortWhenStarted() throws Exception {
    String agent = agentUrl();
    String id = cluster.agentIds().get(0);
    cluster.stopAgent(id);
    assertThatThrownBy(() -> get(agent, "/state")).isInstanceOf(ConnectException.class);
    cluster.startAgent(id);
    assertThat(json(get(agent, "/state")).get("id").getAsString()).isEqualTo(id);
    String replacement = cluster.replaceAgent(id);
    assertThat(json(get(agent, "/state")).get("id").getAsString()).isEqualTo(replacement);
    assertThat(agentUrl()).isEqualTo(agent);
  }

  @Test
  void aRecoveredAgentListensOnItsPortAgain() throws Exception {
    String agent = agentUrl();
    cluster.close();
    cluster = MesosLocal.builder().workDir(workDir).start();
    assertThat(agentUrl()).isEqualTo(agent);
  }

  /** The agent's URL as a client finds it: the master's {@code /state}, {@code slaves[].pid}. */
  private String agentUrl() throws Exception {
    JsonObject state = json(get(cluster.url(), "/state"));
    String pid = state.getAsJsonArray("slaves").get(0).getAsJsonObject().get("pid").getAsString();
    return "http://" + pid.substring(pid.indexOf('@') + 1);
  }

  private static JsonObject frameworkOf(String agent) throws Exception {
    for (JsonElement f : json(get(agent, "/state")).getAsJsonArray("frameworks")) {
      return f.getAsJsonObject();
    }
    return null;
  }

  private static JsonObject json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private static HttpResponse<String> get(String base, String path) throws IOException, InterruptedException {
    return TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

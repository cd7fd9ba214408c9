package io.drover.controller.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.controller.mesos.MasterDetector;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A task's sandbox as Mesos serves it, found the way the Mesos web UI finds it: the agent's address
 * from the master's {@code /state} ({@code slaves[].pid}), the sandbox directory from the agent's own
 * {@code /state} (the executor whose tasks or completed tasks hold the task, in {@code frameworks} or
 * {@code completed_frameworks}), the files through the agent's {@code /files/read}. Works the same on
 * mesos-local and a real Mesos 1.11.
 */
public final class TaskSandbox {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  private final String taskId;
  private final String agent;
  private final String agentUrl;
  private final String directory;
  private final String file;

  private TaskSandbox(String taskId, String agentId, String agentUrl, String directory, String file) {
    this.taskId = taskId;
    this.agent = "agent " + agentId;
    this.agentUrl = agentUrl;
    this.directory = directory;
    this.file = file;
  }

  /** The agent's base URL ({@code http://host:port}) from a master's {@code slaves[].pid}, e.g. {@code slave(1)@10.0.0.5:5051}. */
  private static String agentUrl(String pid) {
    return "http://" + pid.substring(pid.indexOf('@') + 1);
  }

  /**
   * Finds task {@code taskId} on agent {@code agentId} through the master at {@code masterUrl}
   * ({@code http://host:5050[,...]} or {@code zk://.../mesos}) and names {@code file} in its sandbox.
   */
  public static TaskSandbox find(String masterUrl, String taskId, String agentId, String file)
      throws SandboxException, InterruptedException {
    JsonNode master = masterState(masterUrl);
    String agentUrl = null;
    for (JsonNode agent : master.path("slaves")) {
      if (agent.path("id").asText().equals(agentId)) {
        agentUrl = agentUrl(agent.path("pid").asText());
      }
    }
    if (agentUrl == null) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, "agent " + agentId + " of task " + taskId
          + " is not registered with the Mesos master at " + masterUrl + " (it is down or was removed):"
          + " its sandbox cannot be read until it is back");
    }
    JsonNode agent = get(agentUrl + "/state", "agent " + agentId);
    String directory = directory(agent, taskId);
    if (directory == null) {
      throw new SandboxException(SandboxException.Kind.GONE, "the sandbox of task " + taskId + " is gone from agent " + agentId
          + " at " + agentUrl + " (the agent removed it, or the task never started there)");
    }
    return new TaskSandbox(taskId, agentId, agentUrl, directory, file);
  }

  /** The file's current size in bytes. */
  public long size() throws SandboxException, InterruptedException {
    return chunk(-1, 0).offset();
  }

  /** At most {@code length} bytes from {@code offset} (the agent answers at most 64 KiB per read). */
  public byte[] read(long offset, int length) throws SandboxException, InterruptedException {
    return chunk(offset, length).data();
  }

  /** Whether the task is no longer running on its agent. */
  public boolean ended() throws SandboxException, InterruptedException {
    for (JsonNode framework : get(agentUrl + "/state", agent).path("frameworks")) {
      for (JsonNode executor : framework.path("executors")) {
        for (JsonNode task : executor.path("tasks")) {
          if (task.path("id").asText().equals(taskId)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private record Chunk(byte[] data, long offset) {}

  private Chunk chunk(long offset, long length) throws SandboxException, InterruptedException {
    String url = agentUrl + "/files/read?path=" + URLEncoder.encode(directory + "/" + file, StandardCharsets.UTF_8)
        + "&offset=" + offset + (offset >= 0 ? "&length=" + length : "");
    HttpResponse<byte[]> response = send(url, agent);
    if (response.statusCode() == 404) {
      throw new SandboxException(SandboxException.Kind.GONE, "there is no " + file + " in the sandbox of task " + taskId + " ("
          + directory + " on " + agentUrl + "): the agent removed it, or the task never wrote it");
    }
    if (response.statusCode() != 200) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, agent + " at " + agentUrl + " answered " + response.statusCode()
          + " to a read of " + file + ": " + new String(response.body(), StandardCharsets.UTF_8).strip());
    }
    try {
      // The agent writes the file's bytes into the JSON string as they are: read them back byte for byte.
      JsonNode json = JSON.readTree(new String(response.body(), StandardCharsets.ISO_8859_1));
      return new Chunk(json.path("data").asText().getBytes(StandardCharsets.ISO_8859_1), json.path("offset").asLong());
    } catch (IOException e) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, agent + " at " + agentUrl + " answered a read of " + file
          + " with something that is not the files API's JSON: " + e.getMessage());
    }
  }

  /** The sandbox of the task: its executor's directory, or the task's own directory in a task group's executor. */
  static String directory(JsonNode agentState, String taskId) {
    for (String frameworks : List.of("frameworks", "completed_frameworks")) {
      for (JsonNode framework : agentState.path(frameworks)) {
        for (String executors : List.of("executors", "completed_executors")) {
          for (JsonNode executor : framework.path(executors)) {
            if (holds(executor, taskId)) {
              String dir = executor.path("directory").asText();
              return executor.path("id").asText().equals(taskId) ? dir : dir + "/tasks/" + taskId;
            }
          }
        }
      }
    }
    return null;
  }

  private static boolean holds(JsonNode executor, String taskId) {
    for (String tasks : List.of("tasks", "queued_tasks", "completed_tasks")) {
      for (JsonNode task : executor.path(tasks)) {
        if (task.path("id").asText().equals(taskId)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The leading master's {@code /state}, trying each master the URL names (a non-leader redirects). */
  private static JsonNode masterState(String masterUrl) throws SandboxException, InterruptedException {
    List<URI> candidates;
    try (MasterDetector detector = MasterDetector.forUrl(masterUrl)) {
      detector.start();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      candidates = detector.candidates();
      while (candidates.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        candidates = detector.candidates();
      }
    } catch (IllegalArgumentException e) {
      throw new SandboxException(SandboxException.Kind.BAD_MASTER_URL, "bad Mesos master URL '" + masterUrl + "': " + e.getMessage());
    }
    if (candidates.isEmpty()) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, "no Mesos master is registered at " + masterUrl + " within "
          + TIMEOUT.toSeconds() + "s");
    }
    SandboxException last = null;
    for (URI candidate : candidates) {
      try {
        return get(candidate.toString().replaceFirst("/+$", "") + "/master/state", "the Mesos master");
      } catch (SandboxException e) {
        last = e;
      }
    }
    throw last;
  }

  private static JsonNode get(String url, String what) throws SandboxException, InterruptedException {
    HttpResponse<byte[]> response = send(url, what);
    if (response.statusCode() != 200) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, what + " at " + url + " answered " + response.statusCode());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, what + " at " + url + " answered with invalid JSON: "
          + e.getMessage());
    }
  }

  private static HttpResponse<byte[]> send(String url, String what) throws SandboxException, InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new SandboxException(SandboxException.Kind.UNAVAILABLE, "cannot reach " + what + " at " + url.replaceFirst("(//[^/]+).*", "$1")
          + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }
}

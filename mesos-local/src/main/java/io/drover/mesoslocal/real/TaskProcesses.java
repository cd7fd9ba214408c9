package io.drover.mesoslocal.real;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a task's processes on real agents and kills them: the task's sandbox comes from the agent's
 * {@code /state} (its executor's {@code directory}, and {@code tasks/<id>} below it for a task of a
 * group), and its processes are those working in that sandbox that are not Mesos's own (the
 * executor and its helpers run binaries of the installation).
 */
final class TaskProcesses {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path home;
  private final List<Integer> agentPorts;

  TaskProcesses(Path home, List<Integer> agentPorts) {
    this.home = home;
    this.agentPorts = agentPorts;
  }

  /** SIGKILLs the task's processes and waits for them to exit; returns their pids. */
  List<Long> kill(String taskId) {
    Path sandbox = agentPorts.stream().map(port -> sandbox(port, taskId)).flatMap(Optional::stream).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No agent on ports " + agentPorts + " runs task '" + taskId
            + "'"));
    Path dir;
    try {
      dir = sandbox.toRealPath(); // as /proc/<pid>/cwd shows it
    } catch (IOException e) {
      throw new IllegalStateException("the sandbox " + sandbox + " of task '" + taskId + "' is not readable: " + e, e);
    }
    List<ProcessHandle> found = ProcessHandle.allProcesses().filter(p -> worksIn(p.pid(), dir)).toList();
    if (found.isEmpty()) {
      throw new IllegalStateException("task '" + taskId + "' has no process working in " + sandbox);
    }
    found.forEach(ProcessHandle::destroyForcibly);
    found.forEach(p -> p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join());
    return found.stream().map(ProcessHandle::pid).toList();
  }

  /** The task's sandbox on the agent at {@code port}, if that agent runs it. */
  private static Optional<Path> sandbox(int port, String taskId) {
    JsonObject state;
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/state"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Optional.empty();
      }
      state = JsonParser.parseString(r.body()).getAsJsonObject();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the agent's /state on port " + port, e);
    }
    for (JsonElement f : state.getAsJsonArray("frameworks")) {
      for (JsonElement e : f.getAsJsonObject().getAsJsonArray("executors")) {
        JsonObject executor = e.getAsJsonObject();
        for (JsonElement t : executor.getAsJsonArray("tasks")) {
          if (t.getAsJsonObject().get("id").getAsString().equals(taskId)) {
            Path dir = Path.of(executor.get("directory").getAsString());
            Path ofGroup = dir.resolve("tasks").resolve(taskId);
            return Optional.of(Files.isDirectory(ofGroup) ? ofGroup : dir);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean worksIn(long pid, Path sandbox) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
      return cwd.startsWith(sandbox) && !Files.readSymbolicLink(proc.resolve("exe")).startsWith(home);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false; // gone, or not ours to look at
    }
  }
}

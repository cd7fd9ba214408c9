package io.drover.mesoslocal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.awaitility.Awaitility;

/**
 * Runs one scenario against a real Mesos and against mesos-local and compares what each scheduler
 * observed, line by line. Keeps every result for the table {@link #writeTable} writes.
 */
final class Differential {

  /** A cluster to run scenarios on; {@code root} holds its agents' sandboxes. */
  record Target(String name, MesosCluster cluster, Path root) {}

  /** What one scenario observed on each cluster. */
  record Result(String scenario, List<String> real, List<String> local, long realMillis, long localMillis) {
    boolean same() {
      return real.equals(local);
    }
  }

  /** A scenario: drives the cluster through {@code run}'s schedulers and notes what it observes. */
  @FunctionalInterface
  interface Scenario {
    void run(Run run) throws Exception;
  }

  private final Target real;
  private final Target local;
  private final Map<String, Result> results = new LinkedHashMap<>();

  Differential(Target real, Target local) {
    this.real = real;
    this.local = local;
  }

  Result compare(String name, Scenario scenario) throws Exception {
    long t0 = System.nanoTime();
    List<String> onReal = run(real, scenario);
    long t1 = System.nanoTime();
    List<String> onLocal = run(local, scenario);
    long t2 = System.nanoTime();
    Result result = new Result(name, onReal, onLocal, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    results.put(name, result);
    return result;
  }

  private static List<String> run(Target target, Scenario scenario) throws Exception {
    Run run = new Run(target);
    try {
      scenario.run(run);
    } finally {
      run.teardown();
    }
    awaitIdle(target.cluster().url());
    return run.lines;
  }

  /** Waits until no agent has resources in use (the scenario's tasks are gone). */
  static void awaitIdle(String url) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      JsonObject state = state(url);
      for (JsonElement a : state.getAsJsonArray("slaves")) {
        if (a.getAsJsonObject().getAsJsonObject("used_resources").get("cpus").getAsDouble() > 0) {
          return false;
        }
      }
      return true;
    });
  }

  static JsonObject state(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/state")).build(),
        HttpResponse.BodyHandlers.ofString());
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  /** The table as docs/fidelity.md shows it: scenario | real Mesos | mesos-local | same. */
  void writeTable(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    out.add("| scenario | real Mesos | mesos-local | same |");
    out.add("|---|---|---|---|");
    for (Result r : results.values()) {
      List<String> realCell = r.real();
      List<String> localCell = r.local();
      if (!r.same()) {
        realCell = r.real().stream().filter(l -> !r.local().contains(l)).toList();
        localCell = r.local().stream().filter(l -> !r.real().contains(l)).toList();
      }
      out.add("| " + r.scenario() + " | " + cell(realCell) + " | " + (r.same() ? "same" : cell(localCell)) + " | "
          + (r.same() ? "yes" : "**no**") + " |");
    }
    Files.createDirectories(file.getParent());
    Files.write(file, out);
    List<String> details = new ArrayList<>();
    for (Result r : results.values()) {
      details.add("## " + r.scenario() + " (real " + r.realMillis() + " ms, mesos-local " + r.localMillis() + " ms)");
      details.add("real Mesos:");
      r.real().forEach(l -> details.add("  " + l));
      details.add("mesos-local:");
      r.local().forEach(l -> details.add("  " + l));
      details.add("");
    }
    Files.write(file.resolveSibling(file.getFileName().toString().replace(".md", "-details.txt")), details);
    combine(file.getParent());
  }

  /** The classes' tables as one, in the order docs/fidelity.md shows them: {@code fidelity-table.md}. */
  private static void combine(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String part : List.of("DifferentialSchedulerApiTest", "DifferentialOperationsTest", "DifferentialTasksTest",
        "DifferentialGroupsTest", "DifferentialFaultsTest", "DifferentialAgentTest", "DifferentialSandboxTest",
        "DifferentialStateTest")) {
      Path table = dir.resolve(part + ".md");
      if (Files.exists(table)) {
        List<String> lines = Files.readAllLines(table);
        out.addAll(out.isEmpty() ? lines : lines.subList(2, lines.size()));
      }
    }
    Files.write(dir.resolve("fidelity-table.md"), out);
  }

  /** Table cells stay readable: each line cut at 300 characters (the details file has them whole). */
  private static String cell(List<String> lines) {
    if (lines.isEmpty()) {
      return "(nothing)";
    }
    List<String> cut = lines.stream().map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l).toList();
    return String.join("<br>", cut).replace("|", "\\|");
  }

  /** One scenario on one cluster: its schedulers, what it noted, and the cleanup after it. */
  static final class Run {
    final Target target;
    final Observed observed;
    final List<String> lines = new ArrayList<>();
    private final List<TestScheduler> schedulers = new ArrayList<>();

    Run(Target target) {
      this.target = target;
      this.observed = new Observed(target.cluster().agentIds());
    }

    String url() {
      return target.cluster().url();
    }

    MesosCluster cluster() {
      return target.cluster();
    }

    void note(String line) {
      lines.add(line);
    }

    /** Subscribes (protobuf) and waits for SUBSCRIBED; torn down after the scenario. */
    TestScheduler subscribe(FrameworkInfo info) {
      return track(TestScheduler.subscribe(url(), info, false));
    }

    TestScheduler track(TestScheduler s) {
      schedulers.add(s);
      return s;
    }

    /** TEARDOWN of every framework the scenario subscribed, so its tasks and reservations' users are gone. */
    void teardown() {
      for (TestScheduler s : schedulers) {
        if (s.frameworkId() != null && !s.ended) {
          s.postTwiceIfNeeded(Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(s.frameworkId()).build());
        }
        s.close();
      }
    }
  }
}

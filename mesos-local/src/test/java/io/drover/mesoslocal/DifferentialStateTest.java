package io.drover.mesoslocal;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.TextFormat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DiscoveryInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Ports;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Differential scenarios of the master's own views of a framework, as operators and tools read them:
 * the {@code executors} of a framework in {@code /state} and {@code /master/state} (the default
 * executors of task groups with their ExecutorInfo; command executors are the agent's business).
 */
class DifferentialStateTest extends DifferentialBase {

  @Test
  void frameworkExecutors() throws Exception {
    check("Master /state: a framework's executors (default executors of task groups; no command executors)", run -> {
      TestScheduler s = acking(run, drover("executors", "executors").build());
      Set<OfferID> used = new HashSet<>();
      Offer first = offerFrom(run, s, 0, used);
      s.launch(first, TestScheduler.task("ex-cmd", first, "sleep 300", 0.1, 32));
      s.awaitUpdate("ex-cmd", TaskState.TASK_RUNNING);
      Offer second = offerFrom(run, s, 0, used);
      s.accept(second.getId(),
          named(group(second, "ex-exec", TestScheduler.task("ex-g1", second, "sleep 300", 0.1, 32))));
      s.awaitUpdate("ex-g1", TaskState.TASK_RUNNING);
      Offer third = offerFrom(run, s, 0, used);
      s.accept(third.getId(), named(group(third, "ex-exec", TestScheduler.task("ex-g2", third, "sleep 300", 0.1, 32))));
      s.awaitUpdate("ex-g2", TaskState.TASK_RUNNING);
      Offer other = offerFrom(run, s, 1, used);
      s.accept(other.getId(), group(other, "ex-short", TestScheduler.task("ex-s1", other, "sleep 300", 0.1, 32)));
      s.awaitUpdate("ex-s1", TaskState.TASK_RUNNING);
      String fid = s.frameworkId().getValue();
      for (String endpoint : List.of("/state", "/master/state")) {
        JsonObject framework = framework(run, endpoint, fid);
        run.note(endpoint + " framework fields include executors: " + framework.has("executors"));
        for (JsonElement e : byId(framework.getAsJsonArray("executors"), "executor_id")) {
          run.note(endpoint + " executor: " + canonical(run, e, fid));
        }
        List<String> tasks = new ArrayList<>();
        framework.getAsJsonArray("tasks").forEach(t -> tasks.add(t.getAsJsonObject().get("id").getAsString()
            + " executor_id='" + t.getAsJsonObject().get("executor_id").getAsString() + "'"));
        tasks.sort(null);
        run.note(endpoint + " tasks: " + tasks);
      }
      s.kill("ex-s1");
      s.awaitUpdate("ex-s1", TaskState.TASK_KILLED);
      run.note("after ex-s1's KILL: " + executorIds(run, fid, ids -> !ids.contains("ex-short")));
      s.kill("ex-g1");
      s.awaitUpdate("ex-g1", TaskState.TASK_KILLED);
      run.note("after ex-g1's KILL (ex-g2 still runs): " + executorIds(run, fid, ids -> ids.contains("ex-exec")));
      s.kill("ex-g2");
      s.awaitUpdate("ex-g2", TaskState.TASK_KILLED);
      run.note("after ex-g2's KILL: " + executorIds(run, fid, List::isEmpty));
    });
  }

  @Test
  void frameworkAndTasksWhole() throws Exception {
    check("Master /state: a framework and its tasks whole, with the fields Drover sets on a TaskInfo", run -> {
      TestScheduler s = acking(run, drover("whole", "whole").setPrincipal("drover").setHostname("fw-host")
          .setWebuiUrl("http://fw-host:1234").setLabels(Labels.newBuilder()
              .addLabels(Label.newBuilder().setKey("owner").setValue("drover"))).build());
      Set<OfferID> used = new HashSet<>();
      Offer offer = offerFrom(run, s, 0, used);
      TaskInfo rich = TestScheduler.task("wh-rich", offer, "sleep 300", 0.1, 32).toBuilder()
          .addResources(TestScheduler.ports(31005, 31005, offer))
          .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("service").setValue("web"))
              .addLabels(Label.newBuilder().setKey("flag")))
          .setDiscovery(DiscoveryInfo.newBuilder().setVisibility(DiscoveryInfo.Visibility.FRAMEWORK).setName("web")
              .setPorts(Ports.newBuilder().addPorts(Port.newBuilder().setNumber(31005).setName("http")
                  .setProtocol("tcp"))))
          .setHealthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND).setDelaySeconds(0)
              .setIntervalSeconds(60).setCommand(CommandInfo.newBuilder().setValue("true")))
          .setCheck(CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND).setDelaySeconds(0).setIntervalSeconds(60)
              .setCommand(CheckInfo.Command.newBuilder().setCommand(CommandInfo.newBuilder().setValue("true"))))
          .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(2_000_000_000L)))
          .build();
      rich = rich.toBuilder().setCommand(rich.getCommand().toBuilder().setUser(System.getProperty("user.name"))).build();
      s.launch(offer, rich, TestScheduler.task("wh-done", offer, "true", 0.1, 32));
      s.awaitUpdate("wh-done", TaskState.TASK_FINISHED);
      Offer second = offerFrom(run, s, 1, used);
      s.accept(second.getId(), group(second, "wh-exec", TestScheduler.task("wh-grouped", second, "sleep 300", 0.1, 32)));
      s.awaitUpdate("wh-grouped", TaskState.TASK_RUNNING);
      for (String id : List.of("wh-rich", "wh-grouped")) {
        // A real executor's pid is left out: mesos-local's executors are not processes (docs/fidelity.md).
        TaskStatus update = s.updates(id).get(s.updates(id).size() - 1);
        run.note(id + " UPDATE container_status: " + Observed.ids(TextFormat.printer().shortDebugString(
            update.getContainerStatus().toBuilder().clearExecutorPid().build())));
      }
      s.await(e -> e.hasUpdate() && e.getUpdate().getStatus().getTaskId().getValue().equals("wh-rich")
          && e.getUpdate().getStatus().hasHealthy());
      String fid = s.frameworkId().getValue();
      JsonObject framework = await().atMost(Duration.ofSeconds(30)).until(() -> framework(run, "/state", fid),
          f -> f.getAsJsonArray("completed_tasks").size() == 1);
      JsonObject rest = framework.deepCopy();
      for (String list : List.of("tasks", "completed_tasks", "unreachable_tasks", "offers", "executors")) {
        rest.remove(list);
      }
      // How much is on offer when /state is read depends on the allocator's timing: only its sum is compared.
      boolean sum = true;
      for (String r : List.of("cpus", "mem", "disk")) {
        sum &= Math.abs(rest.getAsJsonObject("resources").get(r).getAsDouble()
            - rest.getAsJsonObject("used_resources").get(r).getAsDouble()
            - rest.getAsJsonObject("offered_resources").get(r).getAsDouble()) < 1e-9;
      }
      run.note("framework resources are its used plus its offered resources: " + sum);
      rest.addProperty("resources", "<on offer>");
      rest.addProperty("offered_resources", "<on offer>");
      run.note("framework: " + canonical(run, rest, fid));
      for (String list : List.of("tasks", "completed_tasks")) {
        for (JsonElement t : byId(framework.getAsJsonArray(list), "id")) {
          run.note(list + ": " + canonical(run, steady(t.getAsJsonObject()), fid));
        }
      }
      Set<String> offerFields = new TreeSet<>();
      framework.getAsJsonArray("offers").forEach(o -> offerFields.add(canonical(run, offerShape(o), fid)));
      run.note("offers: " + offerFields);
    });
  }

  @Test
  void topLevelAndAgentsWhole() throws Exception {
    check("Master /state: its top level and the agents whole", run -> {
      TestScheduler s = acking(run, drover("agents", "agents").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.launch(offer, TestScheduler.task("ag-task", offer, "sleep 300", 0.1, 32));
      s.awaitUpdate("ag-task", TaskState.TASK_RUNNING);
      JsonObject state = Differential.state(run.url());
      JsonObject top = new JsonObject();
      for (Map.Entry<String, JsonElement> e : state.entrySet()) {
        JsonElement v = e.getValue();
        if (e.getKey().startsWith("build_")) {
          continue; // When and by whom the real binaries were built; mesos-local prints none (docs/fidelity.md).
        }
        if (e.getKey().equals("capabilities")) {
          JsonArray capabilities = new JsonArray();
          // mesos-local has no quota, so it does not claim QUOTA_V2 (docs/fidelity.md).
          v.getAsJsonArray().forEach(c -> {
            if (!c.getAsString().equals("QUOTA_V2")) {
              capabilities.add(c);
            }
          });
          top.add(e.getKey(), capabilities);
        } else if (e.getKey().equals("leader_info")) {
          top.add(e.getKey(), v);
        } else if (v.isJsonArray() || v.isJsonObject()) {
          top.add(e.getKey(), new JsonPrimitive(v.isJsonArray() ? "[...]" : "{...}"));
        } else {
          top.add(e.getKey(), v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()
              ? new JsonPrimitive(v.getAsString().replaceFirst(":\\d+$", ":<port>")) : v);
        }
      }
      JsonObject leader = top.getAsJsonObject("leader_info");
      leader.addProperty("port", "<port>");
      leader.addProperty("pid", leader.get("pid").getAsString().replaceFirst(":\\d+$", ":<port>"));
      run.note("top level: " + canonical(run, top, s.frameworkId().getValue()));
      for (JsonElement a : byId(state.getAsJsonArray("slaves"), "id")) {
        JsonObject agent = a.getAsJsonObject().deepCopy();
        agent.addProperty("id", run.observed.agent(agent.get("id").getAsString()));
        agent.addProperty("pid", agent.get("pid").getAsString().replaceFirst(":\\d+$", ":<port>"));
        agent.addProperty("port", "<port>");
        run.note("agent: " + canonical(run, agent, s.frameworkId().getValue()));
      }
    });
  }

  @Test
  void tasksAndFrameworksEndpoints() throws Exception {
    check("Master /tasks and /frameworks: order, limit, offset, filters; the same objects as /state", run -> {
      TestScheduler s = acking(run, drover("lists", "lists").build());
      Set<OfferID> used = new HashSet<>();
      Offer first = offerFrom(run, s, 0, used);
      s.launch(first, TestScheduler.task("ls-first", first, "sleep 300", 0.1, 32));
      s.awaitUpdate("ls-first", TaskState.TASK_RUNNING);
      Offer second = offerFrom(run, s, 0, used);
      s.launch(second, TestScheduler.task("ls-done", second, "true", 0.1, 32));
      s.awaitUpdate("ls-done", TaskState.TASK_FINISHED);
      Offer third = offerFrom(run, s, 1, used);
      s.launch(third, TestScheduler.task("ls-last", third, "sleep 300", 0.1, 32));
      s.awaitUpdate("ls-last", TaskState.TASK_RUNNING);
      String fid = s.frameworkId().getValue();
      await().atMost(Duration.ofSeconds(30)).until(() -> taskIds(run, "/tasks?framework_id=" + fid).size() == 3);
      for (String query : List.of("", "&order=asc", "&order=other", "&limit=2", "&limit=1&offset=1", "&offset=5",
          "&limit=x", "&task_id=ls-done")) {
        run.note("/tasks?framework_id=<framework>" + query + " -> " + taskIds(run, "/tasks?framework_id=" + fid + query));
      }
      run.note("/master/tasks?framework_id=nope -> " + taskIds(run, "/master/tasks?framework_id=nope"));
      JsonObject fromState = framework(run, "/state", fid);
      for (JsonElement t : get(run, "/tasks?framework_id=" + fid).getAsJsonArray("tasks")) {
        String id = t.getAsJsonObject().get("id").getAsString();
        JsonObject inState = null;
        for (String list : List.of("tasks", "completed_tasks")) {
          for (JsonElement x : fromState.getAsJsonArray(list)) {
            inState = x.getAsJsonObject().get("id").getAsString().equals(id) ? x.getAsJsonObject() : inState;
          }
        }
        run.note(id + " in /tasks as in /state: " + t.equals(inState));
      }
      JsonObject frameworks = get(run, "/frameworks?framework_id=" + fid);
      run.note("/frameworks fields: " + new TreeSet<>(frameworks.keySet()) + ", frameworks: "
          + frameworks.getAsJsonArray("frameworks").size());
      JsonObject listed = frameworks.getAsJsonArray("frameworks").get(0).getAsJsonObject();
      for (JsonObject f : List.of(listed, fromState)) {
        for (String onOffer : List.of("offers", "offered_resources", "resources")) {
          f.remove(onOffer);
        }
      }
      run.note("framework in /frameworks as in /state (offers aside): " + listed.equals(fromState));
      run.note("/master/frameworks?framework_id=nope -> frameworks: "
          + get(run, "/master/frameworks?framework_id=nope").getAsJsonArray("frameworks").size());
    });
  }

  @Test
  void completedFrameworks() throws Exception {
    check("Master /state after TEARDOWN: the framework under completed_frameworks with its tasks completed", run -> {
      TestScheduler s = acking(run, drover("gone", "gone").build());
      Set<OfferID> used = new HashSet<>();
      Offer offer = offerFrom(run, s, 0, used);
      s.launch(offer, TestScheduler.task("gn-running", offer, "sleep 300", 0.1, 32),
          TestScheduler.task("gn-done", offer, "true", 0.1, 32));
      s.awaitUpdate("gn-running", TaskState.TASK_RUNNING);
      s.awaitUpdate("gn-done", TaskState.TASK_FINISHED);
      String fid = s.frameworkId().getValue();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> framework(run, "/state", fid).getAsJsonArray("completed_tasks").size() == 1);
      s.post(Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(s.frameworkId()).build());
      JsonObject gone;
      try {
        gone = await().atMost(Duration.ofSeconds(30)).until(() -> completed(run, fid), f -> f != null);
      } catch (ConditionTimeoutException e) {
        gone = null;
      }
      run.note("in frameworks: " + ids(Differential.state(run.url()).getAsJsonArray("frameworks")).contains(fid));
      run.note("in completed_frameworks: " + (gone != null));
      if (gone != null) {
        JsonObject rest = gone.deepCopy();
        List<String> completedTasks = new ArrayList<>();
        for (JsonElement t : byId(rest.getAsJsonArray("completed_tasks"), "id")) {
          completedTasks.add(canonical(run, steady(t.getAsJsonObject()), fid));
        }
        rest.remove("completed_tasks");
        run.note("completed framework: " + canonical(run, rest, fid));
        completedTasks.forEach(t -> run.note("its completed task: " + t));
      }
      run.note("/frameworks completed_frameworks has it: "
          + ids(get(run, "/frameworks?framework_id=" + fid).getAsJsonArray("completed_frameworks")).contains(fid));
      // Both tasks started at about the same time: their order is the other scenario's business.
      run.note("/tasks?framework_id=<framework> -> " + new TreeSet<>(taskIds(run, "/tasks?framework_id=" + fid)));
    });
  }

  @Test
  void unreachableAgent() throws Exception {
    check("Master /state while an agent is unreachable and after it is back: tasks, executors, agents", run -> {
      TestScheduler s = acking(run, drover("away", "away").build());
      Set<OfferID> used = new HashSet<>();
      Offer offer = offerFrom(run, s, 1, used);
      s.launch(offer, TestScheduler.task("aw-command", offer, "sleep 300", 0.1, 32));
      s.awaitUpdate("aw-command", TaskState.TASK_RUNNING);
      Offer second = offerFrom(run, s, 1, used);
      s.accept(second.getId(), group(second, "aw-exec", TestScheduler.task("aw-grouped", second, "sleep 300", 0.1, 32)));
      s.awaitUpdate("aw-grouped", TaskState.TASK_RUNNING);
      String fid = s.frameworkId().getValue();
      String agent = run.cluster().agentIds().get(1);
      run.cluster().stopAgent(agent);
      s.awaitUpdate("aw-command", TaskState.TASK_UNREACHABLE);
      s.awaitUpdate("aw-grouped", TaskState.TASK_UNREACHABLE);
      noteState(run, "away", fid);
      run.cluster().startAgent(agent);
      try {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> framework(run, "/state", fid).getAsJsonArray("unreachable_tasks").isEmpty()
                && framework(run, "/state", fid).getAsJsonArray("executors").size() == 1);
      } catch (ConditionTimeoutException e) {
        run.note("not back within 30 s");
      }
      noteState(run, "back", fid);
      s.kill("aw-command");
      s.kill("aw-grouped");
      s.awaitUpdate("aw-command", TaskState.TASK_KILLED);
      s.awaitUpdate("aw-grouped", TaskState.TASK_KILLED);
    });
  }

  @Test
  void schedulerFailover() throws Exception {
    check("Master /state after a scheduler fails over to a new connection: reregistered_time", run -> {
      TestScheduler s = acking(run, drover("failing-over", "failing-over").build());
      String fid = s.frameworkId().getValue();
      run.note("first: " + times(framework(run, "/state", fid)));
      TestScheduler again = run.subscribe(drover("failing-over", "failing-over").setId(s.frameworkId()).build());
      again.autoAck = true;
      run.note("after failover: " + times(framework(run, "/state", fid)));
    });
  }

  @Test
  void jsonp() throws Exception {
    check("JSONP, as Mesos's web UI reads the master's and agents' endpoints", run -> {
      acking(run, drover("jsonp", "jsonp").build());
      String agentUrl = null;
      for (JsonElement a : Differential.state(run.url()).getAsJsonArray("slaves")) {
        String pid = a.getAsJsonObject().get("pid").getAsString();
        agentUrl = "http://" + pid.substring(pid.indexOf('@') + 1);
      }
      for (String url : List.of(run.url() + "/master/state", run.url() + "/master/slaves", run.url() + "/master/tasks",
          run.url() + "/master/frameworks", agentUrl + "/state")) {
        HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(url
            + "?jsonp=JSON_CALLBACK")).build(), HttpResponse.BodyHandlers.ofString());
        String body = r.body();
        boolean wrapped = body.startsWith("JSON_CALLBACK(") && body.endsWith(")");
        String what = url.replace(run.url(), "<master>").replace(agentUrl, "<agent>");
        run.note(what + "?jsonp=JSON_CALLBACK -> " + r.statusCode() + " " + r.headers().firstValue("Content-Type")
            .orElse("-") + ", wrapped: " + wrapped + ", an object inside: " + (wrapped && JsonParser.parseString(
                body.substring("JSON_CALLBACK(".length(), body.length() - 1)).isJsonObject()));
      }
    });
  }

  /** Which of a framework's times are printed, and how they relate. */
  private static String times(JsonObject framework) {
    double registered = framework.get("registered_time").getAsDouble();
    return "registered_time > 0: " + (registered > 0) + ", unregistered_time: " + framework.get("unregistered_time")
        + ", reregistered_time: " + (framework.has("reregistered_time")
            ? "after registered_time " + (framework.get("reregistered_time").getAsDouble() >= registered) : "none");
  }

  private static void noteState(Differential.Run run, String when, String fid) throws Exception {
    JsonObject state = Differential.state(run.url());
    run.note(when + ": activated_slaves=" + state.get("activated_slaves") + " unreachable_slaves="
        + state.get("unreachable_slaves") + " slaves=" + ids(state.getAsJsonArray("slaves")).stream()
            .map(run.observed::agent).sorted().toList());
    JsonObject framework = framework(run, "/state", fid);
    for (String list : List.of("tasks", "unreachable_tasks")) {
      for (JsonElement t : byId(framework.getAsJsonArray(list), "id")) {
        run.note(when + " " + list + ": " + canonical(run, steady(t.getAsJsonObject()), fid));
      }
    }
    List<String> executors = new ArrayList<>();
    framework.getAsJsonArray("executors").forEach(e -> executors.add(e.getAsJsonObject().get("executor_id")
        .getAsString()));
    run.note(when + " executors: " + executors + ", used_resources: "
        + canonical(run, framework.get("used_resources"), fid));
  }

  /** The framework {@code fid} in the master's {@code completed_frameworks}, or null. */
  private static JsonObject completed(Differential.Run run, String fid) throws Exception {
    for (JsonElement f : Differential.state(run.url()).getAsJsonArray("completed_frameworks")) {
      if (f.getAsJsonObject().get("id").getAsString().equals(fid)) {
        return f.getAsJsonObject();
      }
    }
    return null;
  }

  private static List<String> ids(JsonArray array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsJsonObject().get("id").getAsString()));
    return out;
  }

  private static List<String> taskIds(Differential.Run run, String path) throws Exception {
    List<String> out = new ArrayList<>();
    get(run, path).getAsJsonArray("tasks").forEach(t -> out.add(t.getAsJsonObject().get("id").getAsString()));
    return out;
  }

  private static JsonObject get(Differential.Run run, String path) throws Exception {
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(run.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode() + " " + r.body());
    }
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  /** An offer's fields, with what depends on the allocator's timing (which agent, how much) left out. */
  private static JsonObject offerShape(JsonElement offer) {
    JsonObject out = offer.getAsJsonObject().deepCopy();
    out.addProperty("id", "<offer>");
    out.addProperty("slave_id", "<agent>");
    out.addProperty("resources", out.getAsJsonObject("resources").has("cpus") ? "<resources>" : "no cpus");
    return out;
  }

  /** The group's executor with a name and labels, as Drover names its executors. */
  private static Offer.Operation named(Offer.Operation op) {
    Offer.Operation.Builder b = op.toBuilder();
    b.getLaunchGroupBuilder().getExecutorBuilder().setName("executor of ex")
        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("pod").setValue("ex")));
    return b.build();
  }

  /**
   * The ids of the framework's executors in the master's {@code /state} once {@code settled} holds
   * of them, or as they are after 30 s (a master that never gets there shows in the comparison).
   */
  private static List<String> executorIds(Differential.Run run, String fid, Predicate<List<String>> settled)
      throws Exception {
    try {
      return await().atMost(Duration.ofSeconds(30)).until(() -> executorIds(run, fid), settled::test);
    } catch (ConditionTimeoutException e) {
      return executorIds(run, fid);
    }
  }

  private static List<String> executorIds(Differential.Run run, String fid) throws Exception {
    List<String> ids = new ArrayList<>();
    framework(run, "/state", fid).getAsJsonArray("executors")
        .forEach(e -> ids.add(e.getAsJsonObject().get("executor_id").getAsString()));
    ids.sort(null);
    return ids;
  }

  private static JsonObject framework(Differential.Run run, String endpoint, String fid) throws Exception {
    for (JsonElement f : Differential.state(run.url() + endpoint.replace("/state", "")).getAsJsonArray("frameworks")) {
      if (f.getAsJsonObject().get("id").getAsString().equals(fid)) {
        return f.getAsJsonObject();
      }
    }
    throw new AssertionError("no framework " + fid + " in the master's " + endpoint);
  }

  /** The objects sorted by their field {@code id} (the real master lists them in hash order). */
  private static List<JsonElement> byId(JsonArray array, String id) {
    List<JsonElement> out = new ArrayList<>();
    array.forEach(out::add);
    out.sort(Comparator.comparing(e -> e.getAsJsonObject().get(id).getAsString()));
    return out;
  }

  /**
   * A task with only the container id in the container status of its statuses before the latest: a
   * real agent adds the rest as its containerizer answers, which for a task's first update in a
   * group is sometimes not yet.
   */
  private static JsonObject steady(JsonObject task) {
    JsonObject out = task.deepCopy();
    JsonArray statuses = out.getAsJsonArray("statuses");
    for (int i = 0; i < statuses.size() - 1; i++) {
      JsonObject status = statuses.get(i).getAsJsonObject();
      if (status.has("container_status")) {
        JsonObject containerStatus = new JsonObject();
        containerStatus.add("container_id", status.getAsJsonObject("container_status").get("container_id"));
        status.add("container_status", containerStatus);
      }
    }
    return out;
  }

  /** JSON with its keys sorted, the framework id as {@code <framework>} and agent ids by slot. */
  private static String canonical(Differential.Run run, JsonElement e, String fid) {
    return sortedKeys(run, e, fid).toString();
  }

  private static JsonElement sortedKeys(Differential.Run run, JsonElement e, String fid) {
    if (e.isJsonObject()) {
      Map<String, JsonElement> keys = new TreeMap<>();
      e.getAsJsonObject().entrySet().forEach(en -> keys.put(en.getKey(), en.getKey().equals("slave_id")
          ? new JsonPrimitive(run.observed.agent(en.getValue().getAsString()))
          : en.getKey().endsWith("_time") || en.getKey().equals("timestamp") ? new JsonPrimitive("<time>")
          : sortedKeys(run, en.getValue(), fid)));
      JsonObject out = new JsonObject();
      keys.forEach(out::add);
      return out;
    }
    if (e.isJsonArray()) {
      JsonArray out = new JsonArray();
      e.getAsJsonArray().forEach(x -> out.add(sortedKeys(run, x, fid)));
      return out;
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().equals(fid)) {
      return new JsonPrimitive("<framework>");
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      return new JsonPrimitive(Observed.ids(e.getAsString()));
    }
    return e;
  }
}

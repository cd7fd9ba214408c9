package io.drover.mesoslocal;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Differential scenarios of operations, tasks, status updates and reconciliation. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifferentialTasksTest extends DifferentialBase {

  private static final String PRINCIPAL = "drover";

  @Test
  @Order(1)
  void reservationsAndVolumes() throws Exception {
    check("RESERVE with refinement and labels, CREATE, LAUNCH on the volume, DESTROY, UNRESERVE", run -> {
      TestScheduler s = run.subscribe(drover("reserve", "res").setPrincipal(PRINCIPAL).build());
      s.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer offer = offerFrom(run, s, 0, used);
      s.accept(offer.getId(), op(Offer.Operation.Type.RESERVE, reserved("cpus", 0.5, offer), reserved("mem", 64, offer),
          reserved("disk", 64, offer)));
      offer = awaitReserved(run, s, used, o -> reservedOf(o).size() == 3);
      run.note("after RESERVE: " + reservedOf(offer));
      s.accept(offer.getId(), op(Offer.Operation.Type.CREATE, volume(offer)));
      offer = awaitReserved(run, s, used, o -> reservedOf(o).stream().anyMatch(r -> r.contains("persistence")));
      run.note("after CREATE: " + reservedOf(offer));
      TaskInfo writer = TaskInfo.newBuilder().setName("writer").setTaskId(TaskID.newBuilder().setValue("res-writer"))
          .setAgentId(offer.getAgentId()).setCommand(CommandInfo.newBuilder().setValue("echo hi > data/file"))
          .addResources(reserved("cpus", 0.5, offer)).addResources(reserved("mem", 64, offer))
          .addResources(volume(offer)).build();
      s.launch(offer, writer);
      s.awaitUpdate("res-writer", TaskState.TASK_FINISHED);
      run.note("task on the volume: " + statuses(run, s, "res-writer"));
      offer = awaitReserved(run, s, used, o -> reservedOf(o).size() == 3);
      s.accept(offer.getId(), op(Offer.Operation.Type.DESTROY, volume(offer)));
      offer = awaitReserved(run, s, used, o -> reservedOf(o).size() == 3
          && reservedOf(o).stream().noneMatch(r -> r.contains("persistence")));
      run.note("after DESTROY: " + reservedOf(offer));
      s.accept(offer.getId(), op(Offer.Operation.Type.UNRESERVE, reserved("cpus", 0.5, offer), reserved("mem", 64, offer),
          reserved("disk", 64, offer)));
      String agent = run.cluster().agentIds().get(0);
      await().atMost(TestScheduler.WAIT).until(() -> reservedInState(run, agent).isEmpty());
      run.note("after UNRESERVE /state shows no reservation on A0");
    });
  }

  @Test
  @Order(2)
  void launchAndKill() throws Exception {
    check("LAUNCH a command task, KILL it", run -> {
      TestScheduler s = acking(run, drover("kill", "kill").build());
      running(run, s, 0, "k-sleeper", "sleep 300");
      s.kill("k-sleeper");
      s.awaitUpdate("k-sleeper", TaskState.TASK_KILLED);
      run.note("updates: " + statuses(run, s, "k-sleeper"));
    });
  }

  @Test
  @Order(3)
  void commandExitCodes() throws Exception {
    check("Command tasks that finish and fail", run -> {
      TestScheduler s = run.subscribe(drover("exit", "exit").build());
      s.autoAck = true;
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.launch(offer, TestScheduler.task("e-ok", offer, "true", 0.1, 32),
          TestScheduler.task("e-three", offer, "exit 3", 0.1, 32));
      s.awaitUpdate("e-ok", TaskState.TASK_FINISHED);
      s.awaitUpdate("e-three", TaskState.TASK_FAILED);
      run.note("exit 0: " + statuses(run, s, "e-ok"));
      run.note("exit 3: " + statuses(run, s, "e-three"));
    });
  }

  @Test
  @Order(4)
  void launchGroup() throws Exception {
    check("LAUNCH_GROUP on the default executor: a failing task takes the group down", run -> {
      TestScheduler s = run.subscribe(drover("group", "group").build());
      s.autoAck = true;
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.accept(offer.getId(), group(offer, "grp-exec", TestScheduler.task("grp-sleeper", offer, "sleep 300", 0.1, 32),
          TestScheduler.task("grp-failer", offer, "sleep 1; exit 1", 0.1, 32)));
      s.awaitUpdate("grp-failer", TaskState.TASK_FAILED);
      s.awaitUpdate("grp-sleeper", TaskState.TASK_KILLED);
      run.note("grp-sleeper: " + statuses(run, s, "grp-sleeper"));
      run.note("grp-failer: " + statuses(run, s, "grp-failer"));
    });
  }

  @Test
  @Order(5)
  void killInAGroup() throws Exception {
    check("KILL of one task of a group", run -> {
      TestScheduler s = run.subscribe(drover("groupkill", "groupkill").build());
      s.autoAck = true;
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.accept(offer.getId(), group(offer, "gk-exec", TestScheduler.task("gk-one", offer, "sleep 300", 0.1, 32),
          TestScheduler.task("gk-two", offer, "sleep 300", 0.1, 32)));
      s.awaitUpdate("gk-one", TaskState.TASK_RUNNING);
      s.awaitUpdate("gk-two", TaskState.TASK_RUNNING);
      s.kill("gk-one");
      s.awaitUpdate("gk-one", TaskState.TASK_KILLED);
      s.await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals("gk-two")
          && TaskStates.isTerminal(e.getUpdate().getStatus().getState()));
      run.note("gk-one: " + statuses(run, s, "gk-one"));
      run.note("gk-two: " + statuses(run, s, "gk-two"));
    });
  }

  @Test
  @Order(6)
  void acknowledgementsAndRetries() throws Exception {
    check("Unacknowledged update retried with the same uuid; the next one only after ACKNOWLEDGE", run -> {
      TestScheduler s = run.subscribe(drover("ack", "ack").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.launch(offer, TestScheduler.task("ack-sleeper", offer, "sleep 300", 0.1, 32));
      TaskStatus starting = s.awaitUpdate("ack-sleeper", TaskState.TASK_STARTING);
      await().atMost(TestScheduler.WAIT).until(() -> s.updates("ack-sleeper").size() >= 2);
      List<TaskStatus> seen = s.updates("ack-sleeper");
      run.note("before ACKNOWLEDGE: " + seen.stream().map(TaskStatus::getState).toList() + ", same uuid: "
          + seen.get(1).getUuid().equals(starting.getUuid()));
      s.acknowledge(starting);
      TaskStatus running = s.awaitUpdate("ack-sleeper", TaskState.TASK_RUNNING);
      s.acknowledge(running);
      run.note("after ACKNOWLEDGE: " + run.observed.status(running));
      s.kill("ack-sleeper");
      s.acknowledge(s.awaitUpdate("ack-sleeper", TaskState.TASK_KILLED));
    });
  }

  @Test
  @Order(7)
  void explicitReconciliation() throws Exception {
    check("Explicit reconciliation: known, unknown task, unknown agent, no agent; PARTITION_AWARE or not", run -> {
      TestScheduler s = acking(run, drover("reconcile", "reconcile").build());
      Offer offer = running(run, s, 0, "rc-known", "sleep 300");
      AgentID agent = offer.getAgentId();
      AgentID unknownAgent = AgentID.newBuilder().setValue(agent.getValue() + "0").build();
      int before = s.events.size();
      s.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
          .addTasks(reconcileTask("rc-known", agent)).addTasks(reconcileTask("rc-ghost", agent))
          .addTasks(reconcileTask("rc-lost-agent", unknownAgent)).addTasks(reconcileTask("rc-no-agent", null))));
      await().atMost(TestScheduler.WAIT).until(() -> s.events.size() - before >= 4);
      run.note("partition-aware: " + sorted(events(run, s, before, type(Event.Type.UPDATE))));

      FrameworkInfo old = drover("reconcile-lost", "reconcile").clearCapabilities()
          .addCapabilities(capability(FrameworkInfo.Capability.Type.MULTI_ROLE)).build();
      TestScheduler t = run.subscribe(old);
      int from = t.events.size();
      t.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
          .addTasks(reconcileTask("rc-ghost", agent)).addTasks(reconcileTask("rc-lost-agent", unknownAgent))
          .addTasks(reconcileTask("rc-no-agent", null))));
      await().atMost(TestScheduler.WAIT).until(() -> events(run, t, from, type(Event.Type.UPDATE)).size() >= 3);
      run.note("not partition-aware: " + sorted(events(run, t, from, type(Event.Type.UPDATE))));
    });
  }

  @Test
  @Order(8)
  void implicitReconciliation() throws Exception {
    check("Implicit reconciliation", run -> {
      TestScheduler s = run.subscribe(drover("implicit", "implicit").build());
      s.autoAck = true;
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.launch(offer, TestScheduler.task("ir-one", offer, "sleep 300", 0.1, 32),
          TestScheduler.task("ir-two", offer, "sleep 300", 0.1, 32));
      s.awaitUpdate("ir-one", TaskState.TASK_RUNNING);
      s.awaitUpdate("ir-two", TaskState.TASK_RUNNING);
      int before = s.events.size();
      s.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()));
      await().atMost(TestScheduler.WAIT).until(() -> events(run, s, before, type(Event.Type.UPDATE)).size() >= 2);
      run.note(sorted(events(run, s, before, type(Event.Type.UPDATE))).toString());
    });
  }

  @Test
  @Order(9)
  void invalidOffersAndTasks() throws Exception {
    check("ACCEPT with an unknown or used offer; invalid tasks", run -> {
      TestScheduler s = run.subscribe(drover("invalid", "invalid").build());
      s.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer offer = offerFrom(run, s, 0, used);
      Offer unknown = offer.toBuilder().setId(OfferID.newBuilder().setValue(offer.getId().getValue() + "-nope")).build();
      s.launch(unknown, TestScheduler.task("inv-unknown-offer", offer, "true", 0.1, 32));
      s.awaitUpdate("inv-unknown-offer", TaskState.TASK_DROPPED);
      s.launch(offer, Filters.newBuilder().setRefuseSeconds(3600).build(),
          TestScheduler.task("inv-ok", offer, "sleep 300", 0.1, 32),
          TestScheduler.task("inv-ok", offer, "true", 0.1, 32),
          TestScheduler.task("inv-no-role", offer, "true", 0.1, 32).toBuilder().setResources(0,
              TestScheduler.scalar("cpus", 0.1, offer).toBuilder().setAllocationInfo(Resource.AllocationInfo.getDefaultInstance())).build());
      s.awaitUpdate("inv-no-role", TaskState.TASK_ERROR);
      s.awaitUpdate("inv-ok", TaskState.TASK_RUNNING);
      s.launch(offer, TestScheduler.task("inv-used-offer", offer, "true", 0.1, 32));
      s.awaitUpdate("inv-used-offer", TaskState.TASK_DROPPED);
      for (String id : List.of("inv-unknown-offer", "inv-ok", "inv-no-role", "inv-used-offer")) {
        run.note(id + ": " + statuses(run, s, id));
      }
    });
  }

  @Test
  @Order(10)
  void taskBiggerThanItsOffer() throws Exception {
    check("Task bigger than its offer", run -> {
      TestScheduler s = run.subscribe(drover("greedy", "greedy").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.launch(offer, TestScheduler.task("greedy", offer, "true", 100, 32));
      s.awaitUpdate("greedy", TaskState.TASK_ERROR);
      run.note(statuses(run, s, "greedy").toString());
    });
  }

  @Test
  @Order(11)
  void groupExecutorWithoutDisk() throws Exception {
    check("LAUNCH_GROUP whose executor has no disk", run -> {
      TestScheduler s = run.subscribe(drover("nodisk", "nodisk").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      Offer.Operation op = group(offer, "nd-exec", TestScheduler.task("nd-task", offer, "true", 0.1, 32));
      Offer.Operation.Builder b = op.toBuilder();
      b.getLaunchGroupBuilder().getExecutorBuilder().removeResources(2);
      s.accept(offer.getId(), b.build());
      s.awaitUpdate("nd-task", TaskState.TASK_ERROR);
      run.note(statuses(run, s, "nd-task").toString());
    });
  }

  @Test
  @Order(12)
  void stateEndpoint() throws Exception {
    check("/state: the fields Drover's tests and operators read", run -> {
      TestScheduler s = run.subscribe(drover("state", "state").setPrincipal(PRINCIPAL).build());
      s.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer offer = offerFrom(run, s, 0, used);
      s.accept(offer.getId(), op(Offer.Operation.Type.RESERVE, reserved("cpus", 0.5, offer)),
          Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH).setLaunch(Offer.Operation.Launch.newBuilder()
              .addTaskInfos(TestScheduler.task("st-running", offer, "sleep 300", 0.1, 32))
              .addTaskInfos(TestScheduler.task("st-done", offer, "true", 0.1, 32))).build());
      s.awaitUpdate("st-running", TaskState.TASK_RUNNING);
      s.awaitUpdate("st-done", TaskState.TASK_FINISHED);
      String fid = s.frameworkId().getValue();
      try {
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> completed(run, fid).contains("st-done:TASK_FINISHED"));
      } catch (RuntimeException e) {
        throw new AssertionError(Differential.state(run.url()).toString(), e);
      }
      var state = Differential.state(run.url());
      run.note("top level: " + List.of("activated_slaves", "leader_info", "frameworks", "slaves", "completed_frameworks")
          .stream().filter(state::has).toList() + ", activated_slaves=" + state.get("activated_slaves").getAsInt());
      for (var f : state.getAsJsonArray("frameworks")) {
        var fw = f.getAsJsonObject();
        if (!fw.get("id").getAsString().equals(fid)) {
          continue;
        }
        run.note("framework: name=" + fw.get("name").getAsString() + " active=" + fw.get("active") + " connected="
            + fw.get("connected") + " roles=" + fw.get("roles") + " principal=" + fw.get("principal")
            + " checkpoint=" + fw.get("checkpoint") + " failover_timeout=" + fw.get("failover_timeout"));
        for (var t : fw.getAsJsonArray("tasks")) {
          var task = t.getAsJsonObject();
          run.note("task: id=" + task.get("id").getAsString() + " state=" + task.get("state").getAsString() + " slave_id="
              + run.observed.agent(task.get("slave_id").getAsString()) + " cpus="
              + task.getAsJsonObject("resources").get("cpus") + " statuses=" + task.getAsJsonArray("statuses").size());
        }
        run.note("completed_tasks: " + completed(run, fid));
      }
      for (var a : state.getAsJsonArray("slaves")) {
        var agent = a.getAsJsonObject();
        if (!agent.get("id").getAsString().equals(offer.getAgentId().getValue())) {
          continue;
        }
        run.note("agent: resources.cpus=" + agent.getAsJsonObject("resources").get("cpus") + " used_resources.cpus="
            + agent.getAsJsonObject("used_resources").get("cpus") + " reserved_resources="
            + sortedJson(agent.getAsJsonObject("reserved_resources")) + " capabilities=" + agent.get("capabilities")
            + " fields=" + new java.util.TreeSet<>(agent.keySet()));
      }
      var slaves = TestScheduler.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(run.url() + "/slaves"))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      for (var a : com.google.gson.JsonParser.parseString(slaves.body()).getAsJsonObject().getAsJsonArray("slaves")) {
        if (a.getAsJsonObject().get("id").getAsString().equals(offer.getAgentId().getValue())) {
          run.note("/slaves reserved_resources_full[state]: "
              + a.getAsJsonObject().getAsJsonObject("reserved_resources_full").get("state"));
        }
      }
      s.accept(offerFrom(run, s, 0, used).getId(), op(Offer.Operation.Type.UNRESERVE, reserved("cpus", 0.5, offer)));
    });
  }

  /** A JSON object with its keys sorted at every level, so field order does not count. */
  private static String sortedJson(com.google.gson.JsonObject o) {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().isJsonObject()
        ? sortedJson(e.getValue().getAsJsonObject()) : e.getValue().toString()));
    return out.toString();
  }

  private static List<String> completed(Differential.Run run, String frameworkId) throws Exception {
    List<String> out = new ArrayList<>();
    for (var f : Differential.state(run.url()).getAsJsonArray("frameworks")) {
      if (f.getAsJsonObject().get("id").getAsString().equals(frameworkId)) {
        f.getAsJsonObject().getAsJsonArray("completed_tasks").forEach(t -> out.add(
            t.getAsJsonObject().get("id").getAsString() + ":" + t.getAsJsonObject().get("state").getAsString()));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  @Order(13)
  void healthAndReadinessChecks() throws Exception {
    check("COMMAND health check and COMMAND check (readiness) on command tasks", run -> {
      TestScheduler s = acking(run, drover("checks", "checks").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      TaskInfo healthy = withHealthCheck(TestScheduler.task("ck-health", offer, "sleep 300", 0.1, 32), "true");
      TaskInfo unhealthy = withHealthCheck(TestScheduler.task("ck-sick", offer, "sleep 300", 0.1, 32), "exit 1");
      TaskInfo ready = TestScheduler.task("ck-ready", offer, "sleep 300", 0.1, 32).toBuilder()
          .setCheck(org.apache.mesos.v1.Protos.CheckInfo.newBuilder()
              .setType(org.apache.mesos.v1.Protos.CheckInfo.Type.COMMAND)
              .setCommand(org.apache.mesos.v1.Protos.CheckInfo.Command.newBuilder()
                  .setCommand(CommandInfo.newBuilder().setValue("exit 0")))
              .setDelaySeconds(0).setIntervalSeconds(1).setTimeoutSeconds(5)).build();
      s.launch(offer, healthy, unhealthy, ready);
      s.await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals("ck-health")
          && e.getUpdate().getStatus().hasHealthy());
      s.awaitUpdate("ck-sick", TaskState.TASK_KILLED);
      s.await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals("ck-ready")
          && e.getUpdate().getStatus().getCheckStatus().getCommand().hasExitCode());
      run.note("passing health check: " + untilFirst(statuses(run, s, "ck-health"), "healthy="));
      run.note("failing health check: " + statuses(run, s, "ck-sick"));
      run.note("check: " + untilFirst(statuses(run, s, "ck-ready"), "exit_code"));
    });
  }

  @Test
  @Order(14)
  void suppressAndReviveOneRole() throws Exception {
    check("SUPPRESS and REVIVE of one of a framework's roles", run -> {
      TestScheduler s = run.subscribe(drover("roles", "role-a").addRoles("role-b").build());
      Set<OfferID> used = new HashSet<>();
      offerFrom(run, s, 0, used);
      offerFrom(run, s, 1, used);
      s.call(Call.newBuilder().setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addRoles("role-a")));
      for (Offer o : s.offers()) {
        s.decline(o, 0);
      }
      int seen = s.offers().size();
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().size() >= seen + 2);
      List<Offer> after = s.offers().subList(seen, seen + 2);
      run.note("offers after SUPPRESS role-a: " + after.stream().map(o -> o.getAllocationInfo().getRole()).distinct().toList());
      for (Offer o : after) {
        s.decline(o, 3600);
      }
      s.call(Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles("role-a")));
      await().atMost(TestScheduler.WAIT).until(() -> s.offers().stream().skip(seen + 2)
          .map(o -> o.getAgentId().getValue()).distinct().count() == 2);
      run.note("offers after REVIVE role-a: " + s.offers().stream().skip(seen + 2)
          .map(o -> o.getAllocationInfo().getRole()).distinct().toList());
    });
  }

  /** A COMMAND health check every second from the start, one failure is enough. */
  private static TaskInfo withHealthCheck(TaskInfo task, String command) {
    return task.toBuilder().setHealthCheck(org.apache.mesos.v1.Protos.HealthCheck.newBuilder()
        .setType(org.apache.mesos.v1.Protos.HealthCheck.Type.COMMAND)
        .setCommand(CommandInfo.newBuilder().setValue(command))
        .setDelaySeconds(0).setIntervalSeconds(1).setTimeoutSeconds(5).setGracePeriodSeconds(0)
        .setConsecutiveFailures(1)).build();
  }

  /** The statuses up to and including the first that contains {@code marker}. */
  private static List<String> untilFirst(List<String> statuses, String marker) {
    List<String> out = new ArrayList<>();
    for (String st : statuses) {
      out.add(st);
      if (st.contains(marker)) {
        break;
      }
    }
    return out;
  }

  static Offer.Operation group(Offer offer, String executor, TaskInfo... tasks) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
            .setExecutor(ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue(executor))
                .setFrameworkId(offer.getFrameworkId())
                .addResources(TestScheduler.scalar("cpus", 0.1, offer))
                .addResources(TestScheduler.scalar("mem", 32, offer))
                .addResources(TestScheduler.scalar("disk", 32, offer)))
            .setTaskGroup(TaskGroupInfo.newBuilder().addAllTasks(List.of(tasks)))).build();
  }

  private static Call.Reconcile.Task reconcileTask(String id, AgentID agent) {
    Call.Reconcile.Task.Builder t = Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(id));
    if (agent != null) {
      t.setAgentId(agent);
    }
    return t.build();
  }

  /** A task's updates in the order they came, as observed text. */
  static List<String> statuses(Differential.Run run, TestScheduler s, String taskId) {
    List<String> out = new ArrayList<>();
    s.updates(taskId).forEach(st -> out.add(run.observed.status(st).replaceFirst("^\\S+ ", "")));
    return out;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> out = new ArrayList<>(lines);
    out.sort(null);
    return out;
  }

  private static Resource reserved(String name, double value, Offer offer) {
    return TestScheduler.scalar(name, value, offer).toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(offer.getAllocationInfo().getRole()).setPrincipal(PRINCIPAL)
        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("namespace").setValue("svc"))
            .addLabels(Label.newBuilder().setKey("resource_id").setValue("r-1")))).build();
  }

  private static Resource volume(Offer offer) {
    return reserved("disk", 64, offer).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("vol-1").setPrincipal(PRINCIPAL))
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW))).build();
  }

  private static Offer.Operation op(Offer.Operation.Type type, Resource... resources) {
    Offer.Operation.Builder op = Offer.Operation.newBuilder().setType(type);
    switch (type) {
      case RESERVE -> op.setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(List.of(resources)));
      case UNRESERVE -> op.setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(List.of(resources)));
      case CREATE -> op.setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(List.of(resources)));
      case DESTROY -> op.setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(List.of(resources)));
      default -> throw new IllegalArgumentException(type.name());
    }
    return op.build();
  }

  /** The offer's reserved resources, as text. */
  private static List<String> reservedOf(Offer o) {
    return Observed.resources(o.getResourcesList().stream().filter(r -> r.getReservationsCount() > 0).toList());
  }

  /** The roles with reservations on the agent, from {@code /state}'s {@code reserved_resources}. */
  private static java.util.Set<String> reservedInState(Differential.Run run, String agentId) throws Exception {
    for (var a : Differential.state(run.url()).getAsJsonArray("slaves")) {
      if (a.getAsJsonObject().get("id").getAsString().equals(agentId)) {
        return a.getAsJsonObject().getAsJsonObject("reserved_resources").keySet();
      }
    }
    throw new AssertionError("no agent " + agentId + " in /state");
  }

  private static Offer awaitReserved(Differential.Run run, TestScheduler s, Set<OfferID> used,
      java.util.function.Predicate<Offer> match) {
    String agent = run.cluster().agentIds().get(0);
    return s.awaitOffer(o -> o.getAgentId().getValue().equals(agent) && match.test(o), used);
  }
}

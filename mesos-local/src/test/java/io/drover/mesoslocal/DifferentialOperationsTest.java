package io.drover.mesoslocal;

import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Differential scenarios of offer operations (reservations, volumes, invalid ACCEPTs) and {@code /state}. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DifferentialOperationsTest extends DifferentialBase {

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
  @Order(3)
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
  @Order(4)
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
  @Order(5)
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

  /** A JSON object with its keys sorted at every level, so field order does not count. */
  private static String sortedJson(com.google.gson.JsonObject o) {
    java.util.TreeMap<String, String> out = new java.util.TreeMap<>();
    o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().isJsonObject()
        ? sortedJson(e.getValue().getAsJsonObject()) : e.getValue().toString()));
    return out.toString();
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

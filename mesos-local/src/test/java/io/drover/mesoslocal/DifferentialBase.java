package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.mesoslocal.real.RealMesos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The differential conformance suite's fixture: one real Mesos and one mesos-local, both with two
 * agents of {@value #RESOURCES} each (the same port ranges), shared by a class's scenarios. Each
 * scenario uses its own role, so reservations it leaves cannot reach another. After the class the
 * result table goes to {@code target/differential/<class>.md} (and the full observations beside it).
 *
 * <p>A scenario passes when both clusters were observed alike, or when it is one of the
 * {@link #KNOWN_DIFFERENCES} (explained in docs/fidelity.md), which must then still differ.
 */
@RealMesosTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DifferentialBase {

  static final String RESOURCES = "cpus:2;mem:1024;disk:1024";

  /** Scenarios where mesos-local knowingly answers otherwise; docs/fidelity.md says why. */
  static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
      "Task bigger than its offer", "the message lists the offer's resources in another order",
      "Fetch of a missing file", "mesos-local's message adds the URI and why its fetch failed; the real agent's ends"
          + " at the fetcher's exit status (the reason is in the sandbox's stderr)");

  RealMesos real;
  MesosLocal local;
  Differential differential;
  private Path localWorkDir;

  @BeforeAll
  void startClusters() throws Exception {
    real = RealMesos.builder().agents(2).agentResources(i -> RESOURCES + ";ports:[" + (31000 + 100 * i) + "-"
        + (31099 + 100 * i) + "]").start();
    localWorkDir = Files.createTempDirectory("differential-local-");
    local = MesosLocal.builder().agents(2).agentResources(RESOURCES + ";ports:[31000-31199]").workDir(localWorkDir)
        .allocationInterval(Duration.ofMillis(100)).statusUpdateRetry(Duration.ofSeconds(10), Duration.ofMinutes(10))
        .start();
    differential = new Differential(new Differential.Target("real", real, real.scratch()),
        new Differential.Target("local", local, localWorkDir));
  }

  @AfterAll
  void stopClusters() throws Exception {
    try {
      if (differential != null) {
        differential.writeTable(Path.of("target", "differential", getClass().getSimpleName() + ".md"));
      }
    } finally {
      if (local != null) {
        local.close();
      }
      if (real != null) {
        real.close();
      }
      if (localWorkDir != null) {
        try (var walk = Files.walk(localWorkDir)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  /** Runs the scenario on both and asserts the outcome the suite expects of it. */
  void check(String name, Differential.Scenario scenario) throws Exception {
    Differential.Result r = differential.compare(name, scenario);
    if (KNOWN_DIFFERENCES.containsKey(name)) {
      assertThat(r.same()).as("%s is listed as a known difference but both clusters now agree: update"
          + " KNOWN_DIFFERENCES and docs/fidelity.md", name).isFalse();
    } else {
      assertThat(r.local()).as("mesos-local observed otherwise than real Mesos in '%s'", name)
          .containsExactlyElementsOf(r.real());
    }
  }

  /** A framework as Drover subscribes: MULTI_ROLE, RESERVATION_REFINEMENT, PARTITION_AWARE, checkpointing. */
  static FrameworkInfo.Builder drover(String name, String role) {
    return FrameworkInfo.newBuilder().setName(name).setUser(System.getProperty("user.name")).setFailoverTimeout(60)
        .setCheckpoint(true).addRoles(role)
        .addCapabilities(capability(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(capability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT))
        .addCapabilities(capability(FrameworkInfo.Capability.Type.PARTITION_AWARE));
  }

  static FrameworkInfo.Capability capability(FrameworkInfo.Capability.Type type) {
    return FrameworkInfo.Capability.newBuilder().setType(type).build();
  }

  /** Subscribes and acknowledges every update from then on. */
  static TestScheduler acking(Differential.Run run, FrameworkInfo info) {
    TestScheduler s = run.subscribe(info);
    s.autoAck = true;
    return s;
  }

  /** Launches a small command task on the agent in {@code slot}, waits until it runs; returns its offer. */
  static Offer running(Differential.Run run, TestScheduler s, int slot, String taskId, String command) {
    Offer offer = offerFrom(run, s, slot, new java.util.HashSet<>());
    s.launch(offer, TestScheduler.task(taskId, offer, command, 0.1, 32));
    s.awaitUpdate(taskId, org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING);
    return offer;
  }

  /** A task's updates in the order they came, as observed text. */
  static List<String> statuses(Differential.Run run, TestScheduler s, String taskId) {
    List<String> out = new ArrayList<>();
    s.updates(taskId).forEach(st -> out.add(run.observed.status(st).replaceFirst("^\\S+ ", "")));
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

  /** The first offer not yet used from the agent in {@code slot}. */
  static Offer offerFrom(Differential.Run run, TestScheduler s, int slot, Set<OfferID> used) {
    String agent = run.cluster().agentIds().get(slot);
    return s.awaitOffer(o -> o.getAgentId().getValue().equals(agent), used);
  }

  /** Events from index {@code from} on that match, as observed text. */
  static List<String> events(Differential.Run run, TestScheduler s, int from, Predicate<Event> match) {
    List<String> out = new ArrayList<>();
    List<Event> all = List.copyOf(s.events);
    for (Event e : all.subList(Math.min(from, all.size()), all.size())) {
      if (match.test(e)) {
        out.add(run.observed.event(e));
      }
    }
    return out;
  }

  static Predicate<Event> type(Event.Type... types) {
    Set<Event.Type> set = Set.of(types);
    return e -> set.contains(e.getType());
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Volume;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task groups as the real default executor runs them (see DifferentialGroupsTest): several
 * LAUNCH_GROUPs on one executor share its sandbox and its resources, and a failure takes down only
 * the tasks of its own LAUNCH_GROUP.
 */
class TaskGroupsTest {

  @TempDir
  Path workDir;

  MesosLocal cluster;

  @BeforeEach
  void start() {
    cluster = MesosLocal.builder().workDir(workDir).agentResources("cpus:8;mem:8192;disk:1024;ports:[31000-31100]")
        .allocationInterval(Duration.ofMillis(100)).statusUpdateRetry(Duration.ofMillis(300), Duration.ofSeconds(2))
        .start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void groupsJoinARunningExecutorWhichHoldsItsResourcesOnceAndDiesWithItsLastTask() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("groups").build())) {
      s.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer first = s.awaitOffer(o -> true, used);
      s.accept(first.getId(), group(first, TestScheduler.task("main", first, "sleep 300", 0.5, 32)));
      s.awaitUpdate("main", TaskState.TASK_RUNNING);
      assertThat(usedCpus()).isCloseTo(0.6, within(1e-9));
      assertThat(frameworkUsedCpus()).isCloseTo(0.6, within(1e-9));
      Offer second = s.awaitOffer(o -> true, used);
      s.accept(second.getId(), group(second, TestScheduler.task("side", second, "sleep 0.5; exit 1", 0.5, 32)));
      s.awaitUpdate("side", TaskState.TASK_RUNNING);
      assertThat(usedCpus()).isCloseTo(1.1, within(1e-9));
      assertThat(frameworkUsedCpus()).isCloseTo(1.1, within(1e-9));
      s.awaitUpdate("side", TaskState.TASK_FAILED);
      await().atMost(TestScheduler.WAIT).until(() -> Math.abs(usedCpus() - 0.6) < 1e-9);
      assertThat(s.updates("main")).extracting(st -> st.getState()).containsExactly(TaskState.TASK_STARTING,
          TaskState.TASK_RUNNING);
      s.kill("main");
      s.awaitUpdate("main", TaskState.TASK_KILLED);
      await().atMost(TestScheduler.WAIT).until(() -> usedCpus() == 0);
      assertThat(frameworkUsedCpus()).isZero();
    }
  }

  @Test
  void theMasterListsARunningDefaultExecutorUnderItsFrameworkButNoCommandExecutor()
      throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("listed").build())) {
      s.autoAck = true;
      Set<OfferID> used = new HashSet<>();
      Offer first = s.awaitOffer(o -> true, used);
      s.launch(first, TestScheduler.task("command", first, "sleep 300", 0.5, 32));
      s.awaitUpdate("command", TaskState.TASK_RUNNING);
      Offer second = s.awaitOffer(o -> true, used);
      s.accept(second.getId(), group(second, TestScheduler.task("grouped", second, "sleep 300", 0.5, 32)));
      s.awaitUpdate("grouped", TaskState.TASK_RUNNING);
      JsonNode executors = state().path("frameworks").path(0).path("executors");
      assertThat(executors).hasSize(1);
      JsonNode executor = executors.get(0);
      assertThat(executor.path("executor_id").asText()).isEqualTo("pod-executor");
      assertThat(executor.path("framework_id").asText()).isEqualTo(s.frameworkId().getValue());
      assertThat(executor.path("slave_id").asText()).isEqualTo(second.getAgentId().getValue());
      assertThat(executor.path("type").asText()).isEqualTo("DEFAULT");
      assertThat(executor.path("role").asText()).isEqualTo("*");
      assertThat(executor.path("resources").path("disk").asDouble()).isEqualTo(16.0);
      assertThat(executor.path("command").toString()).isEqualTo("{\"argv\":[],\"uris\":[]}");
      s.kill("grouped");
      s.awaitUpdate("grouped", TaskState.TASK_KILLED);
      await().atMost(TestScheduler.WAIT)
          .until(() -> state().path("frameworks").path(0).path("executors").isEmpty());
    }
  }

  @Test
  void aSandboxPathVolumeShowsATaskWhatAnotherWroteInTheExecutorsSandbox() throws Exception {
    try (TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("shared").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      TaskInfo writer = withSharedDir(TestScheduler.task("writer", offer, "echo hello > shared/greeting", 0.1, 32));
      TaskInfo reader = withSharedDir(TestScheduler.task("reader", offer,
          "until [ -s shared/greeting ]; do sleep 0.1; done; cp shared/greeting seen; ls ../../shared > listed", 0.1, 32));
      s.accept(offer.getId(), group(offer, writer, reader));
      s.awaitUpdate("reader", TaskState.TASK_FINISHED);
      Path seen = await().atMost(TestScheduler.WAIT).until(() -> SandboxFiles.find(workDir, "reader", "seen"),
          p -> p != null);
      assertThat(Files.readString(seen)).isEqualTo("hello\n");
      assertThat(Files.readString(seen.resolveSibling("listed"))).isEqualTo("greeting\n");
      assertThat(seen.getParent().getParent().getFileName().toString()).isEqualTo("tasks");
    }
  }

  private static Offer.Operation group(Offer offer, TaskInfo... tasks) {
    return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
            .setExecutor(ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT).setFrameworkId(offer.getFrameworkId())
                .setExecutorId(ExecutorID.newBuilder().setValue("pod-executor"))
                .addResources(TestScheduler.scalar("cpus", 0.1, offer))
                .addResources(TestScheduler.scalar("mem", 32, offer))
                .addResources(TestScheduler.scalar("disk", 16, offer)))
            .setTaskGroup(TaskGroupInfo.newBuilder().addAllTasks(List.of(tasks)))).build();
  }

  private static TaskInfo withSharedDir(TaskInfo task) {
    return task.toBuilder().setContainer(ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS)
        .addVolumes(Volume.newBuilder().setMode(Volume.Mode.RW).setContainerPath("shared")
            .setSource(Volume.Source.newBuilder().setType(Volume.Source.Type.SANDBOX_PATH)
                .setSandboxPath(Volume.Source.SandboxPath.newBuilder()
                    .setType(Volume.Source.SandboxPath.Type.PARENT).setPath("shared"))))).build();
  }

  /** The cpus the agent's tasks and executors use, as /state says. */
  private double usedCpus() throws Exception {
    return state().path("slaves").path(0).path("used_resources").path("cpus").asDouble();
  }

  /** The cpus the framework's tasks and executors use, as /state says. */
  private double frameworkUsedCpus() throws Exception {
    return state().path("frameworks").path(0).path("used_resources").path("cpus").asDouble();
  }

  private JsonNode state() throws Exception {
    HttpResponse<String> r = TestScheduler.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/state"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }
}

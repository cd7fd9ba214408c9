package io.drover.reconcile.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.model.TaskSpec;
import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.testing.Harness;
import io.drover.reconcile.testing.ScriptedCluster;
import io.drover.reconcile.testing.Specs;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Pods with {@code executor: default}: task groups on one default executor per instance, essential
 * tasks in one LAUNCH_GROUP and each non-essential one in its own; an essential task that ends
 * brings the instance down and it relaunches whole on a new executor on the same reservations, a
 * non-essential one is relaunched alone into the executor that still runs.
 */
class TaskGroupTest {
  private final ScriptedCluster cluster = new ScriptedCluster().agent("a1");

  private Harness running() {
    Map<String, TaskSpec> tasks = new LinkedHashMap<>();
    tasks.put("server", Specs.withVolume(Specs.task("serve"), "data", 16));
    tasks.put("sidecar", Specs.nonEssential(Specs.task("tail")));
    Harness h = new Harness(cluster, Specs.target("c1", Specs.service("svc", Map.of("web", Specs.groupPod(1, tasks)))));
    h.offers("a1");
    h.running("web-0-server", "web-0-sidecar");
    assertThat(ServiceScheduler.lifecycle(h.record)).isEqualTo(ObservedService.Lifecycle.RUNNING);
    return h;
  }

  @Test
  void anInstanceGoesOutAsTaskGroupsOnOneDefaultExecutorWithItsOwnReservedResources() {
    Harness h = running();
    List<Operation> groups = launches();
    assertThat(groups).hasSize(2);
    ExecutorInfo executor = groups.get(0).getLaunchGroup().getExecutor();
    assertThat(executor.getType()).isEqualTo(ExecutorInfo.Type.DEFAULT);
    assertThat(groups.get(1).getLaunchGroup().getExecutor()).isEqualTo(executor);
    assertThat(executor.getResourcesList()).extracting(Resource::getName).containsExactly("cpus", "mem", "disk");
    assertThat(executor.getResourcesList()).extracting(r -> r.getScalar().getValue()).containsExactly(0.1, 32.0, 16.0);
    assertThat(executor.getResourcesList()).allMatch(r -> r.getReservationsCount() == 1);
    assertThat(groups.get(0).getLaunchGroup().getTaskGroup().getTasksList()).extracting(t -> t.getName())
        .containsExactly("web-0-server");
    assertThat(groups.get(1).getLaunchGroup().getTaskGroup().getTasksList()).extracting(t -> t.getName())
        .containsExactly("web-0-sidecar");
    assertThat(groups.get(0).getLaunchGroup().getTaskGroup().getTasks(0).hasExecutor()).isFalse();
    TaskRecord server = h.task("web-0-server");
    assertThat(server.info().getExecutor()).isEqualTo(executor);
    assertThat(h.task("web-0-sidecar").info().getExecutor().getResourcesList()).isEmpty();
    assertThat(server.resourceIds()).as("cpus, mem, volume and the executor's three").hasSize(6);
  }

  @Test
  void aNonEssentialTaskThatFailsIsRelaunchedAloneIntoTheRunningExecutor() {
    Harness h = running();
    ExecutorInfo executor = h.task("web-0-server").info().getExecutor();
    h.update("web-0-sidecar", TaskState.TASK_FAILED);
    assertThat(h.takeKills()).isEmpty();
    h.tick(Duration.ofSeconds(4));
    h.offers("a1");
    List<Operation> groups = launches();
    assertThat(groups).hasSize(3);
    Operation relaunch = groups.get(2);
    assertThat(relaunch.getLaunchGroup().getExecutor()).isEqualTo(executor);
    assertThat(relaunch.getLaunchGroup().getTaskGroup().getTasksList()).extracting(t -> t.getName())
        .containsExactly("web-0-sidecar");
    assertThat(cluster.states().get(h.task("web-0-server").taskId().getValue())).isEqualTo(TaskState.TASK_RUNNING);
  }

  @Test
  void anEssentialTaskThatEndsBringsTheInstanceDownAndItRelaunchesWholeOnTheSameReservations() {
    Harness h = running();
    TaskRecord before = h.task("web-0-server");
    h.update("web-0-server", TaskState.TASK_FINISHED);
    assertThat(h.killAndConfirm()).containsExactly(h.task("web-0-sidecar").taskId().getValue());
    h.tick(Duration.ofSeconds(4));
    h.offers("a1");
    List<Operation> groups = launches();
    assertThat(groups).hasSize(4);
    ExecutorInfo fresh = groups.get(2).getLaunchGroup().getExecutor();
    assertThat(fresh.getExecutorId()).isNotEqualTo(before.info().getExecutor().getExecutorId());
    assertThat(groups.get(3).getLaunchGroup().getExecutor()).isEqualTo(fresh);
    TaskRecord after = h.task("web-0-server");
    assertThat(after.resourceIds()).isEqualTo(before.resourceIds());
    assertThat(cluster.log().stream().filter(op -> op.getType() == Operation.Type.RESERVE)).hasSize(1);
  }

  @Test
  void aRestartRelaunchesTheGroupWholeOnANewExecutorAndAReplaceOnNewReservations() {
    Harness h = running();
    TaskRecord before = h.task("web-0-server");
    Decisions.Command restart = h.reconciler.restart(h.record, h.pacing, InstanceId.of("web", 0), h.now);
    h.pacing = restart.pacing();
    for (Kill k : restart.kills()) {
      h.status(cluster.update(k.taskId(), TaskState.TASK_KILLED));
    }
    h.offers("a1");
    assertThat(launches()).hasSize(4);
    TaskRecord restarted = h.task("web-0-server");
    assertThat(restarted.info().getExecutor().getExecutorId()).isNotEqualTo(before.info().getExecutor().getExecutorId());
    assertThat(restarted.resourceIds()).isEqualTo(before.resourceIds());

    h.running("web-0-server", "web-0-sidecar");
    Decisions.Command replace = h.reconciler.replace(h.record, h.pacing, InstanceId.of("web", 0));
    h.record = replace.record();
    h.pacing = replace.pacing();
    h.advance();
    h.killAndConfirm();
    h.offers("a1");
    h.offers("a1");
    TaskRecord replaced = h.task("web-0-server");
    assertThat(replaced.info().getExecutor().getExecutorId()).isNotEqualTo(restarted.info().getExecutor().getExecutorId());
    assertThat(replaced.resourceIds()).doesNotContainAnyElementsOf(restarted.resourceIds());
  }

  @Test
  void aPodThatSwitchesExecutorRollsItsTasks() {
    Harness h = new Harness(cluster, Specs.target("c1", Specs.hello("svc", 1, Specs.task("serve"))));
    h.offers("a1");
    h.running("hello-0-server");
    h.put(Specs.target("c2", Specs.service("svc", Map.of("hello", Specs.groupPod(1, Map.of("server", Specs.task("serve")))))));
    assertThat(h.killAndConfirm()).hasSize(1);
    h.offers("a1");
    assertThat(launches()).hasSize(1);
    assertThat(h.task("hello-0-server").info().hasExecutor()).isTrue();
  }

  private List<Operation> launches() {
    return cluster.log().stream().filter(op -> op.getType() == Operation.Type.LAUNCH_GROUP).toList();
  }
}

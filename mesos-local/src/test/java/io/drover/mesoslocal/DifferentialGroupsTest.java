package io.drover.mesoslocal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Differential scenarios of task groups on the default executor as Drover's group pods use them:
 * several LAUNCH_GROUPs on one executor, its shared sandbox, which tasks a failure takes down.
 */
class DifferentialGroupsTest extends DifferentialBase {

  @Test
  void groupsShareAnExecutor() throws Exception {
    check("Task groups on one executor: a finished task leaves its group running, a failure takes down only its"
        + " own group, the executor's sandbox is shared", run -> {
      TestScheduler s = acking(run, drover("groups", "groups").build());
      Set<OfferID> used = new HashSet<>();
      Offer first = offerFrom(run, s, 0, used);
      s.accept(first.getId(), group(first, "sh-exec",
          TestScheduler.task("sh-main", first, "sleep 300", 0.1, 32),
          TestScheduler.task("sh-writer", first, "echo hi > ../../shared", 0.1, 32)));
      s.awaitUpdate("sh-writer", TaskState.TASK_FINISHED);
      s.awaitUpdate("sh-main", TaskState.TASK_RUNNING);
      Offer second = offerFrom(run, s, 0, used);
      s.accept(second.getId(), group(second, "sh-exec",
          TestScheduler.task("sh-reader", second, "grep -q hi ../../shared || exit 7; sleep 1; exit 1", 0.1, 32)));
      s.awaitUpdate("sh-reader", TaskState.TASK_FAILED);
      Offer third = offerFrom(run, s, 0, used);
      s.accept(third.getId(), group(third, "sh-exec", TestScheduler.task("sh-last", third, "true", 0.1, 32)));
      s.awaitUpdate("sh-last", TaskState.TASK_FINISHED);
      run.note("sh-main before KILL: " + statuses(run, s, "sh-main"));
      run.note("sh-writer: " + statuses(run, s, "sh-writer"));
      run.note("sh-reader: " + statuses(run, s, "sh-reader"));
      s.kill("sh-main");
      s.awaitUpdate("sh-main", TaskState.TASK_KILLED);
      run.note("sh-main updates after KILL: " + statuses(run, s, "sh-main").size());
    });
  }

  @Test
  void anExecutorsResourcesAreInUse() throws Exception {
    check("/state while a task group runs: the executor's resources are in use, on the agent and the framework", run -> {
      TestScheduler s = acking(run, drover("executor-use", "executor-use").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      s.accept(offer.getId(), group(offer, "eu-exec", TestScheduler.task("eu-task", offer, "sleep 300", 0.2, 64)));
      s.awaitUpdate("eu-task", TaskState.TASK_RUNNING);
      JsonObject state = Differential.state(run.url());
      for (JsonElement a : state.getAsJsonArray("slaves")) {
        if (a.getAsJsonObject().get("id").getAsString().equals(offer.getAgentId().getValue())) {
          run.note("agent used_resources: " + scalars(a.getAsJsonObject().getAsJsonObject("used_resources")));
        }
      }
      for (JsonElement f : state.getAsJsonArray("frameworks")) {
        if (f.getAsJsonObject().get("id").getAsString().equals(s.frameworkId().getValue())) {
          run.note("framework used_resources: " + scalars(f.getAsJsonObject().getAsJsonObject("used_resources")));
        }
      }
      s.kill("eu-task");
      s.awaitUpdate("eu-task", TaskState.TASK_KILLED);
    });
  }

  @Test
  void anExecutorWithoutFrameworkId() throws Exception {
    check("LAUNCH_GROUP whose executor names no framework", run -> {
      TestScheduler s = acking(run, drover("nofw", "nofw").build());
      Offer offer = offerFrom(run, s, 0, new HashSet<>());
      Offer.Operation op = group(offer, "nofw-exec", TestScheduler.task("nofw-task", offer, "sleep 300", 0.1, 32));
      s.accept(offer.getId(), op.toBuilder().setLaunchGroup(op.getLaunchGroup().toBuilder()
          .setExecutor(op.getLaunchGroup().getExecutor().toBuilder().clearFrameworkId())).build());
      s.awaitUpdate("nofw-task", TaskState.TASK_ERROR);
      run.note("nofw-task: " + statuses(run, s, "nofw-task"));
    });
  }

  /** A {@code used_resources} object's cpus, mem and disk. */
  private static String scalars(JsonObject resources) {
    return "cpus=" + resources.get("cpus") + " mem=" + resources.get("mem") + " disk=" + resources.get("disk");
  }
}

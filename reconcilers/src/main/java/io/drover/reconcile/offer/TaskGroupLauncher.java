package io.drover.reconcile.offer;

import io.drover.api.model.TaskSpec;
import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.plan.GroupInstances;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.pod.TaskName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The task group side of a launch ({@link GroupInstances}): the default executor (type DEFAULT, its
 * own 0.1 cpus, 32 MiB and 16 MiB of disk, reserved like a task's), one LAUNCH_GROUP of the
 * essential tasks and one per non-essential task, all naming that executor. A task's persistent
 * volume needs nothing more: the Mesos 1.11 agent links it into the task's own sandbox, as for a
 * command task.
 */
final class TaskGroupLauncher {

  /** The executor's resources: the DC/OS SDK's 0.1 cpus and 32 MiB, and disk for its logs. */
  static final double EXECUTOR_CPUS = 0.1;

  static final int EXECUTOR_MEM = 32;
  static final int EXECUTOR_DISK = 16;

  private static final TaskSpec EXECUTOR =
      new TaskSpec(null, null, EXECUTOR_CPUS, EXECUTOR_MEM, EXECUTOR_DISK, Map.of(), Map.of(), null, null, null,
          null, null, true, null, null, null, null);

  /**
   * The group side of a launch: the executor's fit (null when joining a running executor), the
   * TaskInfos to store (each naming its executor; the first essential task's carries the executor's
   * resources) and the LAUNCH_GROUP operations.
   */
  record Group(TaskFitter.Fit executorFit, List<TaskInfo> stored, List<Operation> launches) {}

  private TaskGroupLauncher() {}

  static Optional<Group> launch(
      String service,
      String principal,
      List<TaskToLaunch> tasks,
      List<TaskInfo> infos,
      ExecutorChoice choice,
      OfferPool pool,
      Ids ids) {
    ExecutorInfo executor;
    TaskFitter.Fit fit = null;
    int holder;
    if (choice.joins()) {
      executor = choice.running();
      holder = -1;
      for (int i = 0; i < tasks.size(); i++) {
        TaskToLaunch t = tasks.get(i);
        if (t.previous() != null && t.previous().info().getExecutor().getResourcesCount() > 0) {
          holder = i;
        }
      }
    } else {
      TaskInfo previous =
          choice.holder() == null
              ? null
              : TaskInfo.newBuilder().addAllResources(choice.holder().info().getExecutor().getResourcesList()).buildPartial();
      Set<String> confirmed = choice.holder() == null ? Set.of() : choice.holder().confirmedIds();
      Optional<TaskFitter.Fit> f =
          TaskFitter.fit(new TaskFitter.Request(service, principal, EXECUTOR, previous, confirmed, ids), pool);
      if (f.isEmpty()) {
        return Optional.empty();
      }
      fit = f.get();
      TaskName first = tasks.get(0).name();
      executor =
          ExecutorInfo.newBuilder()
              .setType(ExecutorInfo.Type.DEFAULT)
              .setExecutorId(ExecutorID.newBuilder().setValue(service + "__" + first.instance().name() + "__" + ids.next()))
              .setName(first.instance().name())
              .addAllResources(fit.resources())
              .build();
      holder = firstEssential(tasks);
    }
    ExecutorInfo bare = executor.toBuilder().clearResources().build();
    List<TaskInfo> stored = new ArrayList<>();
    TaskGroupInfo.Builder essential = TaskGroupInfo.newBuilder();
    List<Operation> launches = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskInfo sent = infos.get(i);
      stored.add(sent.toBuilder().setExecutor(i == holder ? executor : bare).build());
      if (GroupInstances.essential(tasks.get(i).spec())) {
        essential.addTasks(sent);
      } else {
        launches.add(launchGroup(executor, TaskGroupInfo.newBuilder().addTasks(sent).build()));
      }
    }
    if (essential.getTasksCount() > 0) {
      launches.add(0, launchGroup(executor, essential.build()));
    }
    return Optional.of(new Group(fit, stored, launches));
  }

  /** The reservation ids of the executor's fit that the holder's record should count as confirmed. */
  static Set<String> confirmed(TaskFitter.Fit fit, ExecutorChoice choice) {
    Set<String> out = new HashSet<>(fit.offeredIds());
    if (choice.holder() != null) {
      out.addAll(choice.holder().confirmedIds());
    }
    out.retainAll(fit.ids());
    return out;
  }

  /** Which task's record holds a new executor's resources: the first essential one, else the first. */
  private static int firstEssential(List<TaskToLaunch> tasks) {
    for (int i = 0; i < tasks.size(); i++) {
      if (GroupInstances.essential(tasks.get(i).spec())) {
        return i;
      }
    }
    return 0;
  }

  private static Operation launchGroup(ExecutorInfo executor, TaskGroupInfo group) {
    return Operation.newBuilder()
        .setType(Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Operation.LaunchGroup.newBuilder().setExecutor(executor).setTaskGroup(group))
        .build();
  }
}

package io.drover.reconcile.offer;

import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import io.drover.api.model.Goal;
import io.drover.api.model.TaskSpec;
import io.drover.reconcile.mesos.Operations;
import io.drover.reconcile.pod.Ids;
import io.drover.reconcile.pod.TaskIds;
import io.drover.reconcile.pod.TaskName;
import io.drover.reconcile.state.TaskRecord;
import io.drover.reconcile.state.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Launches tasks of one pod instance on one pool, all or nothing: fits each task, builds its
 * TaskInfo and the operations in Mesos order (UNRESERVE of shrunk amounts, RESERVE, CREATE,
 * LAUNCH, or for a task group pod LAUNCH_GROUPs built by {@link TaskGroupLauncher}), and returns
 * the pool as it is afterwards with the new task records. The records must be persisted before the
 * operations are sent.
 */
public final class InstanceLauncher {

  /** One task to launch; {@code previous} is its last launch when relaunching in place. */
  public record TaskToLaunch(TaskName name, TaskSpec spec, TaskRecord previous) {}

  /** The result: the pool after the operations, and one new record per launched task. */
  public record Launch(OfferPool pool, List<TaskRecord> records) {}

  private InstanceLauncher() {}

  /**
   * Launches {@code tasks} on {@code pool}; {@code executor} says which default executor a task
   * group instance's tasks go to, and is null for command tasks.
   */
  public static Optional<Launch> launch(
      Target target,
      String principal,
      List<TaskToLaunch> tasks,
      ExecutorChoice executor,
      OfferPool pool,
      Ids ids) {
    OfferPool working = pool;
    List<Resource> reserve = new ArrayList<>();
    List<Resource> unreserve = new ArrayList<>();
    List<Resource> create = new ArrayList<>();
    List<TaskInfo> infos = new ArrayList<>();
    List<Set<String>> confirmedIds = new ArrayList<>();
    Map<String, Double> taken = new HashMap<>();
    RangeSet<Long> takenPorts = TreeRangeSet.create();
    Set<String> used = new HashSet<>();
    for (TaskToLaunch t : tasks) {
      TaskRecord prev = t.previous();
      TaskFitter.Request req =
          new TaskFitter.Request(
              target.name(),
              principal,
              t.spec(),
              prev == null ? null : prev.info(),
              prev == null ? Set.of() : prev.confirmedIds(),
              ids);
      Optional<TaskFitter.Fit> fit = TaskFitter.fit(req, working);
      if (fit.isEmpty()) {
        return Optional.empty();
      }
      TaskFitter.Fit f = fit.get();
      // Later tasks of the instance see what this one took.
      working = working.after(List.of(), f.takenScalars(), f.takenPorts(), f.offeredIds());
      f.takenScalars().forEach((k, v) -> taken.merge(k, v, Double::sum));
      takenPorts.addAll(f.takenPorts());
      used.addAll(f.ids());
      reserve.addAll(f.reserve());
      unreserve.addAll(f.unreserve());
      create.addAll(f.create());
      TaskInfo info =
          TaskInfoFactory.build(
              target,
              t.name(),
              t.spec(),
              new TaskInfoFactory.Placed(
                  TaskIds.of(target.name(), t.name(), ids.next()),
                  pool.agentId(),
                  f.resources(),
                  f.ports()));
      infos.add(info);
      Set<String> confirmed = new HashSet<>(f.offeredIds());
      if (prev != null) {
        confirmed.addAll(prev.confirmedIds());
      }
      confirmed.retainAll(f.ids());
      confirmedIds.add(confirmed);
    }
    List<Operation> launches = List.of(Operations.launch(infos));
    if (executor != null) {
      Optional<TaskGroupLauncher.Group> group =
          TaskGroupLauncher.launch(target.name(), principal, tasks, infos, executor, working, ids);
      if (group.isEmpty()) {
        return Optional.empty();
      }
      TaskGroupLauncher.Group g = group.get();
      TaskFitter.Fit f = g.executorFit();
      if (f != null) {
        f.takenScalars().forEach((k, v) -> taken.merge(k, v, Double::sum));
        used.addAll(f.ids());
        reserve.addAll(f.reserve());
        unreserve.addAll(f.unreserve());
        Set<String> executorIds = TaskGroupLauncher.confirmed(f, executor);
        for (int i = 0; i < g.stored().size(); i++) {
          if (g.stored().get(i).getExecutor().getResourcesCount() > 0) {
            confirmedIds.get(i).addAll(executorIds);
          }
        }
      }
      infos = g.stored();
      launches = g.launches();
    }
    List<TaskRecord> records = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskToLaunch t = tasks.get(i);
      records.add(
          TaskRecord.launched(
              infos.get(i), pool.hostname(), carriesGoal(t, target), confirmedIds.get(i)));
    }
    List<Operation> ops = new ArrayList<>();
    if (!unreserve.isEmpty()) {
      ops.add(Operations.unreserve(unreserve));
    }
    if (!reserve.isEmpty()) {
      ops.add(Operations.reserve(reserve));
    }
    if (!create.isEmpty()) {
      ops.add(Operations.create(create));
    }
    ops.addAll(launches);
    return Optional.of(new Launch(pool.after(ops, taken, takenPorts, used), records));
  }

  /**
   * A relaunch with the same spec keeps "goal reached" (recovery is not a new deployment); a
   * FINISH task must run again for every new configuration.
   */
  private static boolean carriesGoal(TaskToLaunch t, Target target) {
    TaskRecord prev = t.previous();
    if (prev == null || !prev.goalReached()) {
      return false;
    }
    if (!prev.specDigest().equals(target.digest(t.name()))) {
      return false;
    }
    return prev.goal() != Goal.FINISH || prev.specHash().equals(target.specHash());
  }
}

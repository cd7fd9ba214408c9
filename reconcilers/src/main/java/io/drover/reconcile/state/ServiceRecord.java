package io.drover.reconcile.state;

import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import io.drover.reconcile.pod.InstanceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * Everything stored about one service (the stored model): its accepted target, the configuration
 * last fully deployed, the uninstall marker, paused plans and one {@link TaskRecord} per task name.
 * Immutable; every change makes a new record, and the runtime persists the difference.
 *
 * @param deployedSpecHash the config id whose rollout last completed; null before the first deploy
 * @param updated whether a target has ever replaced a deployed configuration: the rollout plan is
 *     {@code deploy} until then, {@code update} from then on
 * @param uninstallingSince when the teardown started; null unless uninstalling
 * @param pausedPlans names of paused plans ({@code deploy}, {@code update}, {@code recovery})
 * @param tasks task records by task name {@code <pod>-<index>-<task>}
 */
public record ServiceRecord(
    Target target,
    String deployedSpecHash,
    boolean updated,
    Instant uninstallingSince,
    Set<String> pausedPlans,
    Map<String, TaskRecord> tasks) {

  public ServiceRecord {
    Objects.requireNonNull(target, "target");
    pausedPlans = ImmutableSortedSet.copyOf(pausedPlans);
    tasks = ImmutableSortedMap.copyOf(tasks);
  }

  /** A service just added: nothing deployed, nothing launched. */
  public static ServiceRecord initial(Target target) {
    return new ServiceRecord(target, null, false, null, Set.of(), Map.of());
  }

  public String name() {
    return target.name();
  }

  public boolean uninstalling() {
    return uninstallingSince != null;
  }

  /** A new target; one that differs from the deployed configuration makes the service {@link #updated}. */
  public ServiceRecord withTarget(Target t) {
    boolean u = updated || (deployedSpecHash != null && !deployedSpecHash.equals(t.specHash()));
    return new ServiceRecord(t, deployedSpecHash, u, uninstallingSince, pausedPlans, tasks);
  }

  public ServiceRecord withDeployed(String specHash) {
    return new ServiceRecord(target, specHash, updated, uninstallingSince, pausedPlans, tasks);
  }

  public ServiceRecord withUpdated(boolean u) {
    return new ServiceRecord(target, deployedSpecHash, u, uninstallingSince, pausedPlans, tasks);
  }

  public ServiceRecord uninstallingFrom(Instant since) {
    return new ServiceRecord(target, deployedSpecHash, updated, since, pausedPlans, tasks);
  }

  public ServiceRecord withPaused(String plan, boolean paused) {
    Set<String> p = new TreeSet<>(pausedPlans);
    if (paused) {
      p.add(plan);
    } else {
      p.remove(plan);
    }
    return new ServiceRecord(target, deployedSpecHash, updated, uninstallingSince, p, tasks);
  }

  public ServiceRecord withTask(TaskRecord r) {
    Map<String, TaskRecord> t = new TreeMap<>(tasks);
    t.put(r.info().getName(), r);
    return new ServiceRecord(target, deployedSpecHash, updated, uninstallingSince, pausedPlans, t);
  }

  public ServiceRecord withoutTask(String name) {
    Map<String, TaskRecord> t = new TreeMap<>(tasks);
    t.remove(name);
    return new ServiceRecord(target, deployedSpecHash, updated, uninstallingSince, pausedPlans, t);
  }

  /** Applies {@code f} to every task record. */
  public ServiceRecord mapTasks(UnaryOperator<TaskRecord> f) {
    Map<String, TaskRecord> t = new TreeMap<>();
    tasks.forEach((k, v) -> t.put(k, f.apply(v)));
    return new ServiceRecord(target, deployedSpecHash, updated, uninstallingSince, pausedPlans, t);
  }

  /** The record whose current launch has this task id. */
  public Optional<TaskRecord> byTaskId(TaskID id) {
    return tasks.values().stream().filter(r -> r.taskId().equals(id)).findFirst();
  }

  /** The records of one pod instance. */
  public List<TaskRecord> ofInstance(InstanceId instance) {
    List<TaskRecord> out = new ArrayList<>();
    for (TaskRecord r : tasks.values()) {
      if (r.taskName().instance().equals(instance)) {
        out.add(r);
      }
    }
    return out;
  }

  public boolean paused(String plan) {
    return pausedPlans.contains(plan);
  }
}

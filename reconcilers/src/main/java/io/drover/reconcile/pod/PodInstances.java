package io.drover.reconcile.pod;

import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod instances and tasks a spec asks for: pods in document order, instances {@code 0..count-1},
 * tasks in document order. Pure lookups over the (defaulted) spec.
 */
public final class PodInstances {

  private PodInstances() {}

  /** Every instance of every pod, in document order. */
  public static List<InstanceId> all(ServiceSpec spec) {
    List<InstanceId> out = new ArrayList<>();
    for (Map.Entry<String, PodSpec> pod : pods(spec).entrySet()) {
      for (int i = 0; i < count(pod.getValue()); i++) {
        out.add(InstanceId.of(pod.getKey(), i));
      }
    }
    return out;
  }

  /** The instances of one pod, or none when the pod is not in the spec. */
  public static List<InstanceId> of(ServiceSpec spec, String pod) {
    PodSpec p = pods(spec).get(pod);
    List<InstanceId> out = new ArrayList<>();
    for (int i = 0; p != null && i < count(p); i++) {
      out.add(InstanceId.of(pod, i));
    }
    return out;
  }

  /** The tasks an instance should run, in document order; none if the instance is not wanted. */
  public static List<TaskName> tasks(ServiceSpec spec, InstanceId instance) {
    if (!wanted(spec, instance)) {
      return List.of();
    }
    List<TaskName> out = new ArrayList<>();
    for (String task : tasksOf(pods(spec).get(instance.pod())).keySet()) {
      out.add(instance.task(task));
    }
    return out;
  }

  /** Whether the spec asks for this instance (its pod exists and the index is below the count). */
  public static boolean wanted(ServiceSpec spec, InstanceId instance) {
    PodSpec p = pods(spec).get(instance.pod());
    return p != null && instance.index() < count(p);
  }

  /** The spec of a task as launched ({@link EffectiveTask}), empty when the spec no longer asks for it (decommission). */
  public static Optional<TaskSpec> taskSpec(ServiceSpec spec, TaskName task) {
    if (!wanted(spec, task.instance())) {
      return Optional.empty();
    }
    PodSpec pod = pods(spec).get(task.pod());
    return Optional.ofNullable(tasksOf(pod).get(task.task())).map(t -> EffectiveTask.of(pod, t));
  }

  /** The pod's spec, empty when the spec has no such pod. */
  public static Optional<PodSpec> pod(ServiceSpec spec, String pod) {
    return Optional.ofNullable(pods(spec).get(pod));
  }

  static Map<String, PodSpec> pods(ServiceSpec spec) {
    return spec == null || spec.pods() == null ? Map.of() : spec.pods();
  }

  private static Map<String, TaskSpec> tasksOf(PodSpec pod) {
    return pod.tasks() == null ? Map.of() : pod.tasks();
  }

  private static int count(PodSpec pod) {
    return pod.count() == null ? 1 : pod.count();
  }
}

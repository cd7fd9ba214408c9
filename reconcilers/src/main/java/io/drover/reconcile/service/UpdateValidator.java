package io.drover.reconcile.service;

import io.drover.api.model.PodSpec;
import io.drover.api.model.ServiceSpec;
import io.drover.api.model.TaskSpec;
import io.drover.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Changes a running service cannot take. A persistent volume is created once on the instance's
 * reservation and keeps its data, so its path and size are fixed, and a task cannot gain or lose
 * one. Each reason names the field, the old and new value, and what to do instead.
 */
public final class UpdateValidator {

  private UpdateValidator() {}

  /** Why {@code next} cannot replace {@code current}; empty when it can. */
  public static List<String> validate(ServiceSpec current, ServiceSpec next) {
    List<String> reasons = new ArrayList<>();
    Map<String, PodSpec> oldPods = current.pods() == null ? Map.of() : current.pods();
    Map<String, PodSpec> newPods = next.pods() == null ? Map.of() : next.pods();
    for (Map.Entry<String, PodSpec> pod : newPods.entrySet()) {
      PodSpec before = oldPods.get(pod.getKey());
      if (before == null || before.tasks() == null || pod.getValue().tasks() == null) {
        continue;
      }
      for (Map.Entry<String, TaskSpec> task : pod.getValue().tasks().entrySet()) {
        TaskSpec was = before.tasks().get(task.getKey());
        if (was != null) {
          volume(reasons, "spec.pods." + pod.getKey() + ".tasks." + task.getKey() + ".volume", was.volume(), task.getValue().volume());
        }
      }
    }
    return reasons;
  }

  private static void volume(List<String> reasons, String path, Volume was, Volume now) {
    String fix = "a persistent volume cannot change once created; restore the old value, or move the task to a new pod (its data is not copied)";
    if (was == null && now != null) {
      reasons.add(path + ": cannot add a persistent volume to an existing task; " + fix);
    } else if (was != null && now == null) {
      reasons.add(path + ": cannot remove the persistent volume of an existing task; " + fix);
    } else if (was != null) {
      if (!Objects.equals(was.path(), now.path())) {
        reasons.add(path + ".path: cannot change from " + was.path() + " to " + now.path() + "; " + fix);
      }
      if (!Objects.equals(was.sizeMiB(), now.sizeMiB())) {
        reasons.add(path + ".sizeMiB: cannot change from " + was.sizeMiB() + " to " + now.sizeMiB() + "; " + fix);
      }
    }
  }
}

package io.drover.reconcile.pod;

import io.drover.api.model.Artifact;
import io.drover.api.model.PodSpec;
import io.drover.api.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A task as it is launched: what its pod declares for all its tasks folded into the task's own
 * spec, so that the digest and the TaskInfo see one spec. The pod's artifacts come before the
 * task's.
 */
public final class EffectiveTask {
  private EffectiveTask() {}

  public static TaskSpec of(PodSpec pod, TaskSpec task) {
    if (pod.uris() == null || pod.uris().isEmpty()) {
      return task;
    }
    List<Artifact> uris = new ArrayList<>(pod.uris());
    if (task.uris() != null) {
      uris.addAll(task.uris());
    }
    return task.withUris(List.copyOf(uris));
  }
}

package io.drover.reconcile.pod;

import io.drover.api.model.Artifact;
import io.drover.api.model.PodSpec;
import io.drover.api.model.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A task as it is launched: what its pod declares for all its tasks folded into the task's own
 * spec, so that the digest and the TaskInfo see one spec. The pod's artifacts come before the
 * task's; the pod's image is the task's unless the task names its own.
 */
public final class EffectiveTask {
  private EffectiveTask() {}

  public static TaskSpec of(PodSpec pod, TaskSpec task) {
    TaskSpec t = task.image() == null && pod.image() != null ? task.withImage(pod.image()) : task;
    if (pod.uris() == null || pod.uris().isEmpty()) {
      return t;
    }
    List<Artifact> uris = new ArrayList<>(pod.uris());
    if (t.uris() != null) {
      uris.addAll(t.uris());
    }
    return t.withUris(List.copyOf(uris));
  }
}

package io.drover.reconcile.mesos;

import java.util.Optional;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Labels Drover puts on every TaskInfo, so that a stored TaskInfo alone says which pod instance and
 * task it runs, which target configuration launched it and which task spec digest it carries.
 */
public final class TaskLabels {
  /** The spec hash of the target that launched the task; the key predates the name, and running tasks carry it. */
  public static final String TARGET_SPEC_HASH = "target_config";
  public static final String SPEC_DIGEST = "spec_digest";
  public static final String POD = "pod";
  public static final String POD_INDEX = "pod_index";
  public static final String TASK = "task";
  public static final String GOAL = "goal";

  private TaskLabels() {}

  public static Label label(String key, String value) {
    return Label.newBuilder().setKey(key).setValue(value).build();
  }

  public static Optional<String> get(TaskInfo info, String key) {
    return get(info.getLabels(), key);
  }

  public static Optional<String> get(Labels labels, String key) {
    for (Label l : labels.getLabelsList()) {
      if (l.getKey().equals(key) && l.hasValue()) {
        return Optional.of(l.getValue());
      }
    }
    return Optional.empty();
  }

  /** The label's value; fails when a stored TaskInfo lacks one of Drover's labels. */
  public static String require(TaskInfo info, String key) {
    return get(info, key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "task " + info.getTaskId().getValue() + " has no '" + key + "' label"));
  }
}

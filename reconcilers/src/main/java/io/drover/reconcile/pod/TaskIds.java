package io.drover.reconcile.pod;

import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * Mesos task ids of the form {@code <service>__<pod>-<index>-<task>__<uuid>}. Service names never
 * contain {@code __}, so the owning service is everything before the first {@code __}; that is all
 * the offer and status routing needs. Which task of the service an id denotes is looked up in the
 * service's records, never parsed, because pod and task names may themselves contain dashes.
 */
public final class TaskIds {
  static final String SEPARATOR = "__";

  private TaskIds() {}

  /** A fresh id for a launch of {@code task}; {@code uuid} makes every launch distinct. */
  public static TaskID of(String service, TaskName task, String uuid) {
    return TaskID.newBuilder()
        .setValue(service + SEPARATOR + task.name() + SEPARATOR + uuid)
        .build();
  }

  /** The service that owns the task, or empty when the id is not in Drover's format. */
  public static Optional<String> serviceOf(TaskID id) {
    String v = id.getValue();
    int first = v.indexOf(SEPARATOR);
    int last = v.lastIndexOf(SEPARATOR);
    if (first <= 0 || last == first || last + SEPARATOR.length() >= v.length()) {
      return Optional.empty();
    }
    return Optional.of(v.substring(0, first));
  }
}

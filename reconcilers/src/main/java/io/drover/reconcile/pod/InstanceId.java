package io.drover.reconcile.pod;

import java.util.Objects;

/**
 * One instance of a pod: {@code <pod>-<index>}. All tasks of an instance run on one agent and hold
 * their reservations there.
 */
public record InstanceId(String pod, int index) implements Comparable<InstanceId> {

  public InstanceId {
    Objects.requireNonNull(pod, "pod");
    if (index < 0) {
      throw new IllegalArgumentException("instance index must be >= 0: " + index);
    }
  }

  public static InstanceId of(String pod, int index) {
    return new InstanceId(pod, index);
  }

  /** {@code <pod>-<index>}, as shown in plans and accepted by pod restart and replace. */
  public String name() {
    return pod + "-" + index;
  }

  /** The task of this instance with the given task name. */
  public TaskName task(String task) {
    return new TaskName(this, task);
  }

  @Override
  public int compareTo(InstanceId o) {
    int c = pod.compareTo(o.pod);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return name();
  }
}

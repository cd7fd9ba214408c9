package io.drover.reconcile.pod;

import java.util.Objects;

/** A task of a pod instance: {@code <pod>-<index>-<task>}, the Mesos TaskInfo name. */
public record TaskName(InstanceId instance, String task) {

  public TaskName {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(task, "task");
  }

  public static TaskName of(String pod, int index, String task) {
    return new TaskName(InstanceId.of(pod, index), task);
  }

  public String pod() {
    return instance.pod();
  }

  public int index() {
    return instance.index();
  }

  /** {@code <pod>-<index>-<task>}. */
  public String name() {
    return instance.name() + "-" + task;
  }

  @Override
  public String toString() {
    return name();
  }
}

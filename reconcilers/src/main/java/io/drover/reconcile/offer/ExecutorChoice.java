package io.drover.reconcile.offer;

import io.drover.reconcile.state.TaskRecord;
import org.apache.mesos.v1.Protos.ExecutorInfo;

/**
 * Which default executor the tasks of a task group instance go to: the one that still runs some of
 * the instance's tasks ({@code running}, as launched, resources included), or a new one whose
 * resources reuse the reservations of {@code holder}'s executor, the instance's previous one, when
 * there was one.
 */
public record ExecutorChoice(ExecutorInfo running, TaskRecord holder) {

  /** Into the executor that runs now; it needs no resources of the offer. */
  public static ExecutorChoice joining(ExecutorInfo running) {
    return new ExecutorChoice(running, null);
  }

  /** A new executor; {@code holder} (null for none) held the previous one's reservations. */
  public static ExecutorChoice starting(TaskRecord holder) {
    return new ExecutorChoice(null, holder);
  }

  boolean joins() {
    return running != null;
  }
}

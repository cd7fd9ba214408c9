package io.drover.reconcile.service;

import io.drover.reconcile.offer.ExecutorChoice;
import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.pod.InstanceId;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;

/**
 * Tasks of one instance that may be launched now. In place: only on {@code agent}, reusing the
 * instance's reservations. Moving: anywhere the placement allows, on new reservations. {@code
 * executor}: for a task group pod, which default executor the tasks go to; null for command tasks.
 */
record LaunchWork(InstanceId instance, AgentID agent, List<TaskToLaunch> tasks, ExecutorChoice executor) {

  LaunchWork {
    tasks = List.copyOf(tasks);
  }

  boolean moving() {
    return agent == null;
  }
}

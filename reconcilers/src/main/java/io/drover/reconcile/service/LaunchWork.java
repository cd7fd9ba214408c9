package io.drover.reconcile.service;

import io.drover.reconcile.offer.InstanceLauncher.TaskToLaunch;
import io.drover.reconcile.pod.InstanceId;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;

/**
 * Tasks of one instance that may be launched now. In place: only on {@code agent}, reusing the
 * instance's reservations. Moving: anywhere the placement allows, on new reservations.
 */
record LaunchWork(InstanceId instance, AgentID agent, List<TaskToLaunch> tasks) {

  LaunchWork {
    tasks = List.copyOf(tasks);
  }

  boolean moving() {
    return agent == null;
  }
}

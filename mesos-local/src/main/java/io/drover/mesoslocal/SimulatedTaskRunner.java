package io.drover.mesoslocal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * No-process mode: tasks pretend to run. They report TASK_STARTING and TASK_RUNNING at once (then
 * healthy, when they have a health check, and a passing check status, when they have a check), stay running until killed (TASK_KILLED) or crashed
 * (TASK_FAILED), and use no sandbox, so thousands fit on one machine.
 */
final class SimulatedTaskRunner implements TaskRunner {

  private final Consumer<ExecutorUpdate> updates;
  private final Set<TaskKey> running = ConcurrentHashMap.newKeySet();
  private final Set<TaskKey> killingCapable = ConcurrentHashMap.newKeySet();

  SimulatedTaskRunner(Consumer<ExecutorUpdate> updates) {
    this.updates = updates;
  }

  @Override
  public void launch(LaunchSpec spec) {
    running.add(spec.key());
    if (spec.killingCapable()) {
      killingCapable.add(spec.key());
    }
    CheckStatusInfo empty = spec.task().hasCheck() ? TaskChecker.empty(spec.task().getCheck()) : null;
    updates.accept(ExecutorUpdate.of(spec.key(), TaskState.TASK_STARTING, null).withCheckStatus(empty));
    ExecutorUpdate running = ExecutorUpdate.of(spec.key(), TaskState.TASK_RUNNING, null).withCheckStatus(empty);
    updates.accept(running);
    if (spec.task().hasHealthCheck()) {
      running = running.withReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED).withHealthy(true);
      updates.accept(running);
    }
    if (spec.task().hasCheck()) {
      updates.accept(running.withReason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED)
          .withCheckStatus(TaskChecker.passing(spec.task().getCheck())));
    }
  }

  @Override
  public void kill(TaskKey key, Duration grace) {
    if (running.remove(key)) {
      if (killingCapable.remove(key)) {
        updates.accept(ExecutorUpdate.of(key, TaskState.TASK_KILLING, null));
      }
      updates.accept(ExecutorUpdate.of(key, TaskState.TASK_KILLED, "Command terminated with signal Terminated"));
    }
  }

  @Override
  public boolean crash(TaskKey key) {
    if (!running.remove(key)) {
      return false;
    }
    killingCapable.remove(key);
    updates.accept(ExecutorUpdate.of(key, TaskState.TASK_FAILED, "Command terminated with signal Killed"));
    return true;
  }

  @Override
  public void close() {
    running.clear();
    killingCapable.clear();
  }
}

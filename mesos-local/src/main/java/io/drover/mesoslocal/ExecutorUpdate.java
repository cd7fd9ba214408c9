package io.drover.mesoslocal;

import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What a task's executor reports: a state change, a health change or a check result.
 * {@code reason}, {@code healthy} and {@code checkStatus} may be null. Produced on runner threads
 * and handed to the master loop.
 */
record ExecutorUpdate(TaskKey key, TaskState state, String message, TaskStatus.Reason reason, Boolean healthy,
    TaskStatus.Source source, CheckStatusInfo checkStatus) {

  static ExecutorUpdate of(TaskKey key, TaskState state, String message) {
    return new ExecutorUpdate(key, state, message, null, null, TaskStatus.Source.SOURCE_EXECUTOR, null);
  }

  ExecutorUpdate withReason(TaskStatus.Reason r) {
    return new ExecutorUpdate(key, state, message, r, healthy, source, checkStatus);
  }

  ExecutorUpdate withHealthy(Boolean h) {
    return new ExecutorUpdate(key, state, message, reason, h, source, checkStatus);
  }

  ExecutorUpdate withSource(TaskStatus.Source s) {
    return new ExecutorUpdate(key, state, message, reason, healthy, s, checkStatus);
  }

  ExecutorUpdate withCheckStatus(CheckStatusInfo c) {
    return new ExecutorUpdate(key, state, message, reason, healthy, source, c);
  }
}

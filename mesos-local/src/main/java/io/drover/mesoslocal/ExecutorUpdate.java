package io.drover.mesoslocal;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What a task's executor reports: a state change or a health change. {@code reason} and
 * {@code healthy} may be null. Produced on runner threads and handed to the master loop.
 */
record ExecutorUpdate(TaskKey key, TaskState state, String message, TaskStatus.Reason reason, Boolean healthy,
    TaskStatus.Source source) {

  static ExecutorUpdate of(TaskKey key, TaskState state, String message) {
    return new ExecutorUpdate(key, state, message, null, null, TaskStatus.Source.SOURCE_EXECUTOR);
  }

  ExecutorUpdate withReason(TaskStatus.Reason r) {
    return new ExecutorUpdate(key, state, message, r, healthy, source);
  }

  ExecutorUpdate withHealthy(Boolean h) {
    return new ExecutorUpdate(key, state, message, reason, h, source);
  }

  ExecutorUpdate withSource(TaskStatus.Source s) {
    return new ExecutorUpdate(key, state, message, reason, healthy, s);
  }
}

package io.drover.reconcile.service;

import io.drover.reconcile.state.TaskRecord;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;

/** A KILL to send. */
public record Kill(TaskID taskId, AgentID agentId) {

  public static Kill of(TaskRecord r) {
    return new Kill(r.taskId(), r.agentId());
  }
}

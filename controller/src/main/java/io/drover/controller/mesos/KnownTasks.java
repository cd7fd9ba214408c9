package io.drover.controller.mesos;

import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * The tasks the scheduler runtime wants reconciled explicitly, asked for by the client at every
 * SUBSCRIBED: every non-terminal task it believes exists, and any ended task it wants Mesos's word
 * on (Drover's: those whose agent is not known to be gone, so that reservations on an agent that
 * was replaced are not waited for). The agent id may be null when never known.
 */
@FunctionalInterface
public interface KnownTasks {
  Map<TaskID, AgentID> toReconcile();
}

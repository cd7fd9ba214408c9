package io.drover.controller.mesos;

import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * The non-terminal tasks the scheduler runtime believes exist, asked for by the client at every
 * SUBSCRIBED to drive explicit reconciliation. The agent id may be null when never known.
 */
@FunctionalInterface
public interface KnownTasks {
  Map<TaskID, AgentID> nonTerminal();
}

package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One task as last reported by Mesos.
 *
 * @param name {@code <pod>-<index>-<task>}
 * @param state the Mesos state name, e.g. {@code TASK_RUNNING}
 * @param message Mesos's message in its latest status, e.g. {@code Command exited with status 1}
 * @param reason Mesos's reason in its latest status, e.g. {@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED}
 * @param source who sent that status: {@code SOURCE_MASTER}, {@code SOURCE_AGENT} or {@code SOURCE_EXECUTOR}
 * @param cause once the task ended, why, in words (e.g. {@code was killed after its health check
 *     failed 3 times in a row; ...}); else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskRow(
    String name,
    String taskId,
    String state,
    String agentId,
    String host,
    Map<String, Integer> ports,
    Boolean healthy,
    Boolean ready,
    String message,
    String reason,
    String source,
    String cause) {

  /** A row without Mesos's reason, source and cause. */
  public TaskRow(String name, String taskId, String state, String agentId, String host, Map<String, Integer> ports,
      Boolean healthy, Boolean ready, String message) {
    this(name, taskId, state, agentId, host, ports, healthy, ready, message, null, null, null);
  }
}

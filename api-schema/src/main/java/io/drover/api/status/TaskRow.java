package io.drover.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One task as last reported by Mesos.
 *
 * @param name {@code <pod>-<index>-<task>}
 * @param state the Mesos state name, e.g. {@code TASK_RUNNING}
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
    String message) {}

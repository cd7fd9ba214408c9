package io.drover.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A pod: {@code count} instances, each running every task in {@code tasks} on one agent.
 *
 * @param replaceAfterSeconds how long an instance waits for an unreachable agent before it is
 *     replaced on new reservations elsewhere
 * @param executor how the instance's tasks are launched: one task group on the default executor,
 *     or command tasks one by one
 * @param uris fetched into the sandbox of every task of the pod, before the task's own; absent
 *     means none
 * @param image the Docker image of every task of the pod that names none itself
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodSpec(
    Integer count,
    Placement placement,
    Integer replaceAfterSeconds,
    Map<String, TaskSpec> tasks,
    PodExecutor executor,
    List<Artifact> uris,
    String image) {

  /** A pod of command tasks that fetch nothing in common and have no common image. */
  public PodSpec(Integer count, Placement placement, Integer replaceAfterSeconds, Map<String, TaskSpec> tasks) {
    this(count, placement, replaceAfterSeconds, tasks, null, null, null);
  }

  /** This pod with other tasks. */
  public PodSpec withTasks(Map<String, TaskSpec> newTasks) {
    return new PodSpec(count, placement, replaceAfterSeconds, newTasks, executor, uris, image);
  }
}

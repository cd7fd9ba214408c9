package io.drover.mesoslocal;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the cluster for tests: frameworks the master knows, every task it tracks (including
 * terminal ones not yet acknowledged and ones on unreachable agents), and the agents.
 */
public record ClusterState(String masterId, List<Framework> frameworks, List<Task> tasks, List<Agent> agents) {

  public ClusterState {
    frameworks = List.copyOf(frameworks);
    tasks = List.copyOf(tasks);
    agents = List.copyOf(agents);
  }

  /** A framework: {@code connected} when it has an open stream, {@code active} when it gets offers. */
  public record Framework(String id, String name, List<String> roles, boolean connected, boolean active) {
    public Framework {
      roles = List.copyOf(roles);
    }
  }

  /** A task with its latest state (a {@code TaskState} name such as {@code TASK_RUNNING}). */
  public record Task(String id, String frameworkId, String agentId, String state, Boolean healthy, boolean unreachable) {}

  /** An agent with its hostname, whether it is connected, and its total resources in text form. */
  public record Agent(String id, String hostname, boolean connected, String resources) {}

  public Optional<Task> task(String taskId) {
    return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst();
  }

  public Optional<Framework> framework(String frameworkId) {
    return frameworks.stream().filter(f -> f.id().equals(frameworkId)).findFirst();
  }
}

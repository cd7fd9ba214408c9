package io.drover.api;

import io.drover.api.model.PodExecutor;
import io.drover.api.model.ServiceResource;
import io.drover.api.model.TaskSpec;
import java.util.List;
import java.util.Map;

/**
 * Essential tasks, as the Mesos default executor runs them: a pod instance lives as long as its
 * essential tasks, so a pod needs at least one; and only a task group can let a task end alone,
 * so {@code essential: false} needs {@code executor: default}.
 */
final class EssentialRules implements SemanticRule {
  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.pods(
        written,
        (podName, pod, at) -> {
          Map<String, TaskSpec> tasks = pod.tasks();
          if (tasks == null || tasks.isEmpty()) {
            return;
          }
          boolean group = pod.executor() == PodExecutor.DEFAULT;
          Walk.tasksOf(
              podName,
              pod,
              at,
              (p, task, spec, taskAt) -> {
                if (!group && Boolean.FALSE.equals(spec.essential())) {
                  out.add(
                      Problem.invalid(
                          taskAt.child("essential").toString(),
                          "false",
                          "only tasks of a pod with executor: default (a task group) may be"
                              + " non-essential; a command pod launches and relaunches each task"
                              + " on its own. Set executor: default on pod \""
                              + podName
                              + "\", or remove essential"));
                }
              });
          boolean anyEssential =
              tasks.values().stream().anyMatch(t -> t == null || !Boolean.FALSE.equals(t.essential()));
          if (group && !anyEssential) {
            out.add(
                Problem.at(
                    at.child("tasks").toString(),
                    "every task has essential: false, but a pod needs at least one essential task"
                        + " (an instance lives as long as its essential tasks); remove essential:"
                        + " false from the pod's main task"));
          }
        });
  }
}

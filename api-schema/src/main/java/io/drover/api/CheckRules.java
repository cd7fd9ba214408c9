package io.drover.api;

import io.drover.api.model.Goal;
import io.drover.api.model.ServiceResource;
import java.util.List;

/**
 * A readiness check gates when a long-running task counts as ready; a task with goal FINISH or ONCE
 * is ready when it exits successfully, so a readiness check there is a mistake. (A health check is
 * allowed: it kills a batch task that hangs.)
 */
final class CheckRules implements SemanticRule {
  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.tasks(
        written,
        (pod, task, spec, at) -> {
          Goal goal = spec.goal() == null ? Goal.RUNNING : spec.goal();
          if (goal != Goal.RUNNING && spec.readinessCheck() != null) {
            out.add(
                Problem.at(
                    at.child("readinessCheck").toString(),
                    "not allowed for goal "
                        + goal.json()
                        + ": such a task is ready when it exits"
                        + " successfully; remove readinessCheck or use goal RUNNING"));
          }
        });
  }
}

package io.drover.api;

import io.drover.api.model.PortSpec;
import io.drover.api.model.ServiceResource;
import java.util.List;
import java.util.Set;

/**
 * A variable comes from one place: a secret's variable may not also be in {@code env}, nor be a
 * {@code PORT_<NAME>} of the task's ports or a variable Drover sets itself. ({@code env} may hold
 * {@code DROVER_SECRETS_DIGEST}: the document the scheduler stores for a task with secrets does, and
 * it is read back with these rules.)
 */
final class SecretRules implements SemanticRule {
  /** Variables Drover puts into every task's environment. */
  static final Set<String> DROVER_VARIABLES = Set.of("POD_INSTANCE_INDEX", "TASK_NAME", "DROVER_SECRETS_DIGEST");

  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.tasks(
        written,
        (pod, task, spec, at) -> {
          if (spec.secrets() == null) {
            return;
          }
          for (String variable : spec.secrets().keySet()) {
            String where = at.child("secrets").key(variable).toString();
            if (spec.env() != null && spec.env().containsKey(variable)) {
              out.add(Problem.at(where, "is also set in env; a variable comes either from env or from a secret"));
            } else if (DROVER_VARIABLES.contains(variable)) {
              out.add(Problem.at(where, "is set by Drover; choose another name"));
            } else if (spec.ports() != null && spec.ports().keySet().stream().map(PortSpec::envName).anyMatch(variable::equals)) {
              out.add(Problem.at(where, "is the variable a port of the task exports; choose another name"));
            }
          }
        });
  }
}

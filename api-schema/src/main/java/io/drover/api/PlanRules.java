package io.drover.api;

import io.drover.api.model.PhaseSpec;
import io.drover.api.model.PlanSpec;
import io.drover.api.model.ServiceResource;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every phase of a written plan names an existing pod, and every pod is in exactly one phase of
 * each written plan: a pod in no phase would never be deployed (or updated), a pod in two would be
 * deployed twice. Default plans are correct by construction and not checked.
 */
final class PlanRules implements SemanticRule {
  @Override
  public void check(ServiceResource written, List<Problem> out) {
    if (written.spec() == null || written.spec().plans() == null || written.spec().pods() == null) {
      return;
    }
    Set<String> pods = written.spec().pods().keySet();
    FieldPath plansPath = FieldPath.root().child("spec").child("plans");
    written
        .spec()
        .plans()
        .forEach(
            (planName, plan) -> {
              if (plan != null && plan.phases() != null) {
                checkPlan(plan, plansPath.child(planName), pods, out);
              }
            });
  }

  private static void checkPlan(PlanSpec plan, FieldPath at, Set<String> pods, List<Problem> out) {
    Map<String, String> phaseOfPod = new HashMap<>();
    boolean[] unknownPod = {false};
    plan.phases()
        .forEach(
            (phaseName, phase) -> {
              if (phase == null || phase.pod() == null) {
                return;
              }
              String podPath = at.child("phases").child(phaseName).child("pod").toString();
              String pod = phase.pod();
              if (!pods.contains(pod)) {
                String hint =
                    Suggestions.closest(pod, pods)
                        .map(g -> "did you mean \"" + g + "\"?")
                        .orElse("pods are " + String.join(", ", pods));
                out.add(Problem.invalid(podPath, JsonValues.quote(pod), "no such pod; " + hint));
                unknownPod[0] = true;
                return;
              }
              String first = phaseOfPod.putIfAbsent(pod, phaseName);
              if (first != null) {
                out.add(
                    Problem.invalid(
                        podPath,
                        JsonValues.quote(pod),
                        "pod already in phase \""
                            + first
                            + "\"; each pod must be in exactly one phase of a plan"));
              }
            });
    Set<String> missing = new LinkedHashSet<>(pods);
    missing.removeAll(phaseOfPod.keySet());
    // After a misspelt pod name the missing pod is most likely that one: one error is enough.
    if (!missing.isEmpty() && !unknownPod[0] && allPhasesNamePods(plan)) {
      String names = missing.stream().map(JsonValues::quote).collect(Collectors.joining(", "));
      out.add(
          Problem.at(
              at.child("phases").toString(),
              (missing.size() == 1 ? "pod " + names + " is" : "pods " + names + " are")
                  + " in no phase; each pod must be in exactly one phase of a plan"));
    }
  }

  /** When a phase lacks its pod (a schema error), which pods are missing is not known. */
  private static boolean allPhasesNamePods(PlanSpec plan) {
    for (PhaseSpec phase : plan.phases().values()) {
      if (phase == null || phase.pod() == null) {
        return false;
      }
    }
    return true;
  }
}

package io.drover.api;

import io.drover.api.model.ServiceResource;
import java.util.List;

/**
 * A rule the schema cannot express (uniqueness across tasks, references between plans and pods,
 * regular expressions that must compile). Rules see the document as written, before defaults, and
 * skip parts that are missing or were dropped for schema errors: the schema reports those.
 * Implementations are stateless.
 */
interface SemanticRule {
  void check(ServiceResource written, List<Problem> out);

  /** Every rule, in the order their problems are found (the loader sorts them by path anyway). */
  static List<SemanticRule> all() {
    return List.of(
        new CpuRule(),
        new PortRules(),
        new CheckRules(),
        new EssentialRules(),
        new PlacementRules(),
        new PlanRules(),
        new ArtifactRules(),
        new SecretRules(),
        new ConfigRules());
  }
}

package io.drover.api;

import io.drover.api.model.PlacementRule;
import io.drover.api.model.ServiceResource;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Placement rule values are regular expressions (matched against the whole field): they must
 * compile.
 */
final class PlacementRules implements SemanticRule {
  @Override
  public void check(ServiceResource written, List<Problem> out) {
    Walk.pods(
        written,
        (name, pod, at) -> {
          if (pod.placement() == null || pod.placement().rules() == null) {
            return;
          }
          List<PlacementRule> rules = pod.placement().rules();
          for (int i = 0; i < rules.size(); i++) {
            PlacementRule rule = rules.get(i);
            if (rule == null || rule.value() == null) {
              continue;
            }
            try {
              Pattern.compile(rule.value());
            } catch (PatternSyntaxException e) {
              out.add(
                  Problem.invalid(
                      at.child("placement").child("rules").index(i).child("value").toString(),
                      JsonValues.quote(rule.value()),
                      "must be a valid regular expression: "
                          + e.getDescription()
                          + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")));
            }
          }
        });
  }
}

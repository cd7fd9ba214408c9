package io.drover.reconcile.offer;

import io.drover.api.model.Placement;
import io.drover.api.model.PlacementRule;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Attribute;

/**
 * Placement rules of a pod against an agent: at most {@code maxPerHost} instances per hostname,
 * and each rule's regular expression must match the whole field (LIKE) or must not (UNLIKE). An
 * agent without the attribute fails LIKE and passes UNLIKE, as in Marathon.
 */
public final class PlacementCheck {

  private PlacementCheck() {}

  /**
   * @param onHost instances of the same pod that already hold resources on this host
   */
  public static boolean allows(Placement placement, OfferPool pool, int onHost) {
    if (placement == null) {
      return true;
    }
    if (placement.maxPerHost() != null && onHost >= placement.maxPerHost()) {
      return false;
    }
    List<PlacementRule> rules = placement.rules() == null ? List.of() : placement.rules();
    for (PlacementRule rule : rules) {
      if (!holds(rule, pool)) {
        return false;
      }
    }
    return true;
  }

  static boolean holds(PlacementRule rule, OfferPool pool) {
    Optional<String> field =
        PlacementRule.HOSTNAME.equals(rule.field())
            ? Optional.of(pool.hostname())
            : attribute(pool.attributes(), rule.field());
    boolean matches = field.map(f -> Pattern.matches(rule.value(), f)).orElse(false);
    return rule.operator() == PlacementRule.Operator.UNLIKE ? !matches : matches;
  }

  private static Optional<String> attribute(List<Attribute> attributes, String name) {
    for (Attribute a : attributes) {
      if (a.getName().equals(name)) {
        return Optional.of(text(a));
      }
    }
    return Optional.empty();
  }

  private static String text(Attribute a) {
    return switch (a.getType()) {
      case TEXT -> a.getText().getValue();
      case SCALAR -> number(a.getScalar().getValue());
      case SET -> String.join(",", a.getSet().getItemList());
      case RANGES ->
          a.getRanges().getRangeList().stream()
              .map(r -> r.getBegin() + "-" + r.getEnd())
              .collect(Collectors.joining(",", "[", "]"));
    };
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}

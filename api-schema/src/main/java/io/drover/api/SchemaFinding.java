package io.drover.api;

import java.util.List;

/**
 * One schema violation, translated.
 *
 * @param problem what the user sees
 * @param location where in the tree (field names and list indexes)
 * @param prune whether the value at {@code location} must go before the tree can be bound to the
 *     model (a wrong type, an unknown enum value, an out-of-range number)
 * @param supersedes a {@code Required value} problem path this one makes redundant (an unknown
 *     field {@code memroy} that suggests {@code memory} explains why {@code memory} is missing)
 */
record SchemaFinding(Problem problem, List<Object> location, boolean prune, String supersedes) {
  SchemaFinding {
    location = List.copyOf(location);
  }
}

package io.drover.reconcile.service;

import io.drover.reconcile.offer.PoolVerdict;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one offer round said about a service's pending launches: the instances that launched, and
 * for each that could not, why not on each agent it was tried against.
 *
 * @param launched names of the instances that launched in the round
 * @param waiting per instance name that found no fit, one verdict per agent considered
 */
public record RoundWaits(Set<String> launched, Map<String, List<PoolVerdict>> waiting) {

  public static final RoundWaits NONE = new RoundWaits(Set.of(), Map.of());

  public RoundWaits {
    launched = Set.copyOf(launched);
    waiting = Map.copyOf(waiting);
  }
}

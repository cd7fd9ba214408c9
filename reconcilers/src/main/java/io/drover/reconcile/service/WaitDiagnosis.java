package io.drover.reconcile.service;

import io.drover.api.model.Placement;
import io.drover.reconcile.offer.Blocker;
import io.drover.reconcile.offer.FitVerdicts;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.offer.PoolVerdict;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Why launch work found no offer in a round, agent by agent, for the pools the service saw at its
 * turn. In place: only the instance's own agent counts (or, when it did not offer, that it did
 * not); moving: each agent's placement, then the fit. Pure.
 */
final class WaitDiagnosis {

  private WaitDiagnosis() {}

  static List<PoolVerdict> of(ServiceRecord s, LaunchWork work, List<OfferPool> pools, String principal,
      Placement placement, ToIntFunction<OfferPool> onHost) {
    List<PoolVerdict> out = new ArrayList<>();
    if (!work.moving()) {
      for (OfferPool pool : pools) {
        if (pool.agentId().equals(work.agent())) {
          FitVerdicts.fit(s.target(), principal, work.tasks(), pool).ifPresent(out::add);
          return out;
        }
      }
      String host = s.ofInstance(work.instance()).stream().map(TaskRecord::hostname).findFirst().orElse(work.agent().getValue());
      out.add(new PoolVerdict(work.agent().getValue(), host, Blocker.AGENT, 0, 0, null));
      return out;
    }
    for (OfferPool pool : pools) {
      Optional<PoolVerdict> v = FitVerdicts.placement(placement, pool, onHost.applyAsInt(pool));
      if (v.isEmpty()) {
        v = FitVerdicts.fit(s.target(), principal, work.tasks(), pool);
      }
      v.ifPresent(out::add);
    }
    return out;
  }
}

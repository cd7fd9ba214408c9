package io.drover.reconcile.offer;

import io.drover.reconcile.pod.InstanceId;
import io.drover.reconcile.state.ServiceRecord;
import io.drover.reconcile.state.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a pod instance tries the pools of an offer round: spread, as Marathon and
 * Kubernetes spread by default. First the agents holding the fewest other instances of the same
 * pod (counting those launched earlier in this round), then, among equals, the agent with the most
 * unreserved CPU and memory left this round, so that the instances of different services spread
 * over every offered agent too instead of filling the first one; then the round's own order.
 */
public final class InstanceSpread {

  private InstanceSpread() {}

  /** Indexes into {@code pools}, best first, for launching {@code instance} of service {@code s}. */
  public static List<Integer> order(ServiceRecord s, InstanceId instance, List<OfferPool> pools) {
    Map<String, Integer> perAgent = instancesPerAgent(s, instance);
    // Each pool's keys are read once, not in every comparison: a round sorts the pools once per
    // instance it launches, and a full one (1,000 instances, 100 agents) made about 700,000 comparisons.
    int n = pools.size();
    int[] peers = new int[n];
    double[] lessCpus = new double[n];
    double[] lessMem = new double[n];
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      OfferPool pool = pools.get(i);
      peers[i] = perAgent.getOrDefault(pool.agentId().getValue(), 0);
      lessCpus[i] = -pool.available(OfferPools.CPUS);
      lessMem[i] = -pool.available(OfferPools.MEM);
      order.add(i);
    }
    order.sort((a, b) -> {
      int c = Integer.compare(peers[a], peers[b]);
      if (c == 0) {
        c = Double.compare(lessCpus[a], lessCpus[b]);
      }
      if (c == 0) {
        c = Double.compare(lessMem[a], lessMem[b]);
      }
      return c != 0 ? c : Integer.compare(a, b);
    });
    return order;
  }

  /** Other live instances of the same pod, counted per agent id. */
  private static Map<String, Integer> instancesPerAgent(ServiceRecord s, InstanceId self) {
    Map<String, Set<InstanceId>> seen = new HashMap<>();
    for (TaskRecord r : s.tasks().values()) {
      InstanceId i = r.taskName().instance();
      if (i.pod().equals(self.pod()) && !i.equals(self) && !r.replace() && !r.agentGone()) {
        seen.computeIfAbsent(r.agentId().getValue(), k -> new HashSet<>()).add(i);
      }
    }
    Map<String, Integer> out = new HashMap<>();
    seen.forEach((agent, instances) -> out.put(agent, instances.size()));
    return out;
  }
}

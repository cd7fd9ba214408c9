package io.drover.reconcile.service;

import io.drover.reconcile.offer.Blocker;
import io.drover.reconcile.offer.PoolVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the offer rounds said about a service's waiting instances, kept in memory only (a new leader
 * learns it again within a round or two): per instance, the latest verdict of every agent that
 * offered in the last {@link #HORIZON}. Offers of different agents often come in different rounds,
 * so one round alone would not tell the whole story. Immutable.
 *
 * @param firstRound when the service first took part in an offer round, or null if it never did
 * @param instances per waiting instance name, its verdicts by agent id
 */
public record WaitMemory(Instant firstRound, Map<String, Map<String, Seen>> instances) {

  /** How long an agent's verdict counts: longer than agents take to offer again while a service waits. */
  public static final Duration HORIZON = Duration.ofSeconds(30);

  public static final WaitMemory NONE = new WaitMemory(null, Map.of());

  /** One agent's verdict and when it was given. */
  public record Seen(PoolVerdict verdict, Instant at) {}

  public WaitMemory {
    Map<String, Map<String, Seen>> copy = new HashMap<>();
    instances.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    instances = Map.copyOf(copy);
  }

  /** The memory after a round at {@code now}: launched instances are forgotten, waiting ones updated. */
  public WaitMemory after(RoundWaits round, Instant now) {
    Map<String, Map<String, Seen>> next = new HashMap<>(instances);
    round.launched().forEach(next::remove);
    round.waiting().forEach((instance, verdicts) -> {
      Map<String, Seen> agents = new LinkedHashMap<>();
      for (Map.Entry<String, Seen> e : next.getOrDefault(instance, Map.of()).entrySet()) {
        if (fresh(e.getValue(), now)) {
          agents.put(e.getKey(), e.getValue());
        }
      }
      verdicts.forEach(v -> agents.put(v.agentId(), new Seen(v, now)));
      next.put(instance, agents);
    });
    return new WaitMemory(firstRound == null ? now : firstRound, next);
  }

  /** Why the instance waits, from the verdicts still fresh at {@code now}. */
  public WaitReason reason(String instance, Instant now) {
    Map<String, Seen> agents = instances.get(instance);
    if (firstRound == null) {
      return new WaitReason(Blocker.NO_AGENT,
          "no agent has offered resources to this scheduler yet: check that agents are registered with the"
              + " Mesos master and offer resources to the framework's role");
    }
    if (agents == null) {
      return new WaitReason(Blocker.NO_OFFER, "no offer has come since it began waiting");
    }
    List<PoolVerdict> verdicts = new ArrayList<>();
    agents.values().stream().filter(s -> fresh(s, now)).forEach(s -> verdicts.add(s.verdict()));
    if (verdicts.isEmpty()) {
      return new WaitReason(Blocker.NO_OFFER, "no agent has offered in the last " + HORIZON.toSeconds() + "s");
    }
    return WaitSummary.of(verdicts);
  }

  /** The reasons of every remembered instance at {@code now}, by instance name. */
  public Map<String, WaitReason> reasons(Instant now) {
    Map<String, WaitReason> out = new HashMap<>();
    instances.keySet().forEach(i -> out.put(i, reason(i, now)));
    return out;
  }

  private static boolean fresh(Seen s, Instant now) {
    return !s.at().plus(HORIZON).isBefore(now);
  }
}

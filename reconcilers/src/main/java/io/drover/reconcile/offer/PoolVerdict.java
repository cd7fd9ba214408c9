package io.drover.reconcile.offer;

import java.util.Objects;

/**
 * Why one pod instance did not fit one agent's offer in a round.
 *
 * @param agentId the agent's id
 * @param hostname the agent's host name, as people know it
 * @param blocker the first need (in the order they are fitted) the offer could not meet
 * @param needed what the instance needs of it (cpus, MiB, a number of ports), or 0 when not a quantity
 * @param offered what the offer had of it that the instance could use
 * @param detail more words when a quantity says too little (a fixed port, a rule), or null
 */
public record PoolVerdict(
    String agentId, String hostname, Blocker blocker, double needed, double offered, String detail) {

  public PoolVerdict {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(blocker, "blocker");
  }

  static PoolVerdict of(OfferPool pool, Blocker blocker, double needed, double offered, String detail) {
    return new PoolVerdict(pool.agentId().getValue(), pool.hostname(), blocker, needed, offered, detail);
  }
}

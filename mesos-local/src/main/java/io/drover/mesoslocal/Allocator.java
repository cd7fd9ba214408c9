package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes offers: each pass gives every connected agent's free resources, per role, to the active
 * frameworks in dominant-resource-share order, one offer per agent and role, skipping suppressed
 * roles, refusal filters, and leftovers below Mesos's minimum allocatable resources (0.01 cpus or
 * 32 MB mem). A pass runs at once when a framework subscribes or revives or an agent joins, and
 * every allocation interval otherwise (so freed resources come back as in Mesos). Owned by the loop.
 */
final class Allocator {

  private static final Logger log = LoggerFactory.getLogger(Allocator.class);

  private final MasterState state;
  private final MasterLoop loop;
  private final OfferFilters filters;
  private boolean passPending;

  Allocator(MasterState state, MasterLoop loop, Config config) {
    this.state = state;
    this.loop = loop;
    this.filters = new OfferFilters(loop, () -> { });
    loop.every(config.allocationInterval(), this::allocate);
  }

  /** Schedules one pass soon; several requests before it runs make a single pass. */
  void requestPass() {
    if (!passPending) {
      passPending = true;
      loop.execute(() -> {
        passPending = false;
        allocate();
      });
    }
  }

  void allocate() {
    if (candidates(Map.of()).isEmpty()) {
      // Nobody to offer to (no framework connected, or every role suppressed): computing each
      // agent's free resources would be wasted, and with thousands of tasks it costs a core.
      return;
    }
    Map<FrameworkRecord, List<Offer>> made = new LinkedHashMap<>();
    Totals totals = Totals.of(state.agents.values());
    Map<String, Double> shares = dominantShares(totals);
    for (AgentRecord agent : state.agents.values()) {
      if (!agent.connected) {
        continue;
      }
      Resources free = free(agent);
      if (free.isEmpty()) {
        continue;
      }
      for (Candidate c : candidates(shares)) {
        Resources offerable = free.filter(r -> ResourceFormat.isUnreserved(r)
            || ResourceFormat.reservationRole(r).orElse("").equals(c.role));
        if (!allocatable(offerable)
            || filters.isFiltered(c.framework.idValue(), c.role, agent.idValue(), offerable)) {
          continue;
        }
        Offer offer = offer(c.framework, agent, c.role, offerable);
        state.offers.put(offer.getId().getValue(), new OfferRecord(offer, c.framework, agent, c.role, offerable));
        c.framework.offerIds.add(offer.getId().getValue());
        agent.offerIds.add(offer.getId().getValue());
        made.computeIfAbsent(c.framework, f -> new ArrayList<>()).add(offer);
        free = free.minusAvailable(offerable);
        shares.merge(c.framework.idValue(), totals.share(offerable), Double::sum);
      }
    }
    made.forEach((framework, offers) -> framework.send(Event.newBuilder()
        .setType(Event.Type.OFFERS)
        .setOffers(Event.Offers.newBuilder().addAllOffers(offers))
        .build()));
  }

  /**
   * The agent's resources not used by tasks nor held by offers. Every allocation pass asks this of
   * every agent, and the difference copies each of the agent's resources (one per reservation:
   * hundreds), while most agents did not change since the last pass; so the answer is kept with
   * what it came from, the agent's total and used resources (immutable values, replaced when they
   * change) and its offers (immutable, by id), and computed again only when one of them changed.
   */
  Resources free(AgentRecord agent) {
    Resources used = agent.used();
    Free kept = agent.free;
    if (kept != null && kept.total() == agent.total && kept.used() == used && kept.offerIds().equals(agent.offerIds)) {
      return kept.free();
    }
    Resources free = agent.total.minusAvailable(used);
    for (String offerId : agent.offerIds) {
      free = free.minusAvailable(state.offers.get(offerId).resources());
    }
    agent.free = new Free(agent.total, used, Set.copyOf(agent.offerIds), free);
    return free;
  }

  /** An agent's {@link #free} resources and what they were computed from. */
  record Free(Resources total, Resources used, Set<String> offerIds, Resources free) {}

  private record Candidate(FrameworkRecord framework, String role) {}

  private List<Candidate> candidates(Map<String, Double> shares) {
    List<Candidate> out = new ArrayList<>();
    for (FrameworkRecord f : state.frameworks.values()) {
      if (!f.active || !f.connected()) {
        continue;
      }
      for (String role : f.roles()) {
        if (!f.suppressedRoles.contains(role)) {
          out.add(new Candidate(f, role));
        }
      }
    }
    out.sort(Comparator.comparingDouble(c -> shares.getOrDefault(c.framework.idValue(), 0.0)));
    return out;
  }

  /** Each framework's dominant share of cpus and mem (tasks and offers held), the DRF sort key. */
  private Map<String, Double> dominantShares(Totals totals) {
    Map<String, Double> shares = new HashMap<>();
    for (FrameworkRecord f : state.frameworks.values()) {
      double cpus = 0;
      double mem = 0;
      for (TaskRecord t : f.tasks.values()) {
        if (!t.isTerminal() && !t.unreachable) {
          cpus += t.resources.scalar("cpus");
          mem += t.resources.scalar("mem");
        }
      }
      for (String offerId : f.offerIds) {
        Resources r = state.offers.get(offerId).resources();
        cpus += r.scalar("cpus");
        mem += r.scalar("mem");
      }
      shares.put(f.idValue(), totals.share(cpus, mem));
    }
    return shares;
  }

  /** The cluster's cpus and mem, computed once per pass. */
  private record Totals(double cpus, double mem) {
    static Totals of(Iterable<AgentRecord> agents) {
      double cpus = 0;
      double mem = 0;
      for (AgentRecord a : agents) {
        cpus += a.total.scalar("cpus");
        mem += a.total.scalar("mem");
      }
      return new Totals(cpus, mem);
    }

    double share(double heldCpus, double heldMem) {
      return Math.max(cpus > 0 ? heldCpus / cpus : 0, mem > 0 ? heldMem / mem : 0);
    }

    double share(Resources held) {
      return share(held.scalar("cpus"), held.scalar("mem"));
    }
  }

  private static boolean allocatable(Resources r) {
    return r.scalar("cpus") >= 0.01 || r.scalar("mem") >= 32;
  }

  /**
   * The offer as the master sends it: frameworks without MULTI_ROLE get no {@code allocation_info},
   * frameworks without RESERVATION_REFINEMENT get the pre-refinement resource format.
   */
  private Offer offer(FrameworkRecord framework, AgentRecord agent, String role, Resources resources) {
    boolean multiRole = framework.hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE);
    boolean refinement = framework.hasCapability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
    Offer.Builder offer = Offer.newBuilder()
        .setId(state.newOfferId())
        .setFrameworkId(framework.id)
        .setAgentId(agent.id)
        .setHostname(agent.hostname())
        .addAllAttributes(agent.info.getAttributesList());
    for (Resource r : resources.allocatedTo(role)) {
      Resource sent = multiRole ? r : r.toBuilder().clearAllocationInfo().build();
      offer.addResources(refinement ? sent : ResourceFormat.downgrade(sent));
    }
    if (multiRole) {
      offer.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role));
    }
    return offer.build();
  }

  /** Removes an offer without telling the framework (it used or declined it, or lost its stream). */
  Optional<OfferRecord> remove(String offerId) {
    OfferRecord o = state.offers.remove(offerId);
    if (o != null) {
      o.framework().offerIds.remove(offerId);
      o.agent().offerIds.remove(offerId);
    }
    return Optional.ofNullable(o);
  }

  /** Removes an offer and sends RESCIND. */
  void rescind(String offerId) {
    remove(offerId).ifPresent(o -> o.framework().send(Event.newBuilder()
        .setType(Event.Type.RESCIND)
        .setRescind(Event.Rescind.newBuilder().setOfferId(o.offer().getId()))
        .build()));
  }

  void rescindAgentOffers(AgentRecord agent) {
    List.copyOf(agent.offerIds).forEach(this::rescind);
  }

  void discardFrameworkOffers(FrameworkRecord framework) {
    List.copyOf(framework.offerIds).forEach(this::remove);
  }

  /** Unused resources of a declined or accepted offer come back, refused for a while. */
  void recover(OfferRecord offer, Resources unused, Filters filter) {
    double seconds = filter.hasRefuseSeconds() ? filter.getRefuseSeconds() : OfferFilters.DEFAULT_REFUSE_SECONDS;
    filters.refuse(offer.framework().idValue(), offer.role(), offer.agent().idValue(), unused, seconds);
  }

  void suppress(FrameworkRecord framework, List<String> roles) {
    if (!rolesAreTheFrameworks(framework, roles, "SUPPRESS")) {
      return;
    }
    framework.suppressedRoles.addAll(roles.isEmpty() ? framework.roles() : roles);
  }

  void revive(FrameworkRecord framework, List<String> roles) {
    if (!rolesAreTheFrameworks(framework, roles, "REVIVE")) {
      return;
    }
    filters.clear(framework.idValue(), roles);
    if (roles.isEmpty()) {
      framework.suppressedRoles.clear();
    } else {
      roles.forEach(framework.suppressedRoles::remove);
    }
    requestPass();
  }

  /**
   * Master::revive and Master::suppress drop the whole call when one of its roles is invalid or not
   * one of the framework's roles.
   */
  private static boolean rolesAreTheFrameworks(FrameworkRecord framework, List<String> roles, String call) {
    for (String role : roles) {
      String error = FrameworkValidation.validateRole(role);
      if (error != null || !framework.roles().contains(role)) {
        log.warn("Dropping {} of framework {}: role '{}' is {}", call, framework.idValue(), role,
            error != null ? "invalid: " + error : "not one of the framework's subscribed roles");
        return false;
      }
    }
    return true;
  }

  void forgetFramework(FrameworkRecord framework) {
    discardFrameworkOffers(framework);
    filters.clear(framework.idValue(), List.of());
  }

  /** A new leading master starts with no offers and no filters. */
  void reset() {
    List.copyOf(state.offers.keySet()).forEach(this::remove);
    filters.clearAll();
  }
}

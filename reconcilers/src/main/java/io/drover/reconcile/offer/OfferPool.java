package io.drover.reconcile.offer;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.RangeSet;
import io.drover.reconcile.mesos.Operations;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Scalars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;

/**
 * What is still available on one agent for one role during an offer round, after the operations
 * decided so far, and those operations. Offers of the same agent and role are pooled, and accepted
 * together, so that an agent's reservations are always seen whole. Services evaluate the pool in
 * turn; each sees what earlier ones left. Immutable.
 *
 * @param scalars unreserved {@code cpus}, {@code mem} and {@code disk} (root disk), by name
 * @param ports unreserved ports
 * @param reserved reserved resources nobody has used or released yet this round
 * @param operations operations decided so far, in the order they must be applied
 */
public record OfferPool(
    AgentID agentId,
    String hostname,
    String role,
    List<Attribute> attributes,
    List<OfferID> offerIds,
    Map<String, Double> scalars,
    ImmutableRangeSet<Long> ports,
    List<Resource> reserved,
    List<Offer.Operation> operations) {

  public OfferPool {
    Objects.requireNonNull(agentId, "agentId");
    attributes = List.copyOf(attributes);
    offerIds = List.copyOf(offerIds);
    scalars = Map.copyOf(scalars);
    reserved = List.copyOf(reserved);
    operations = List.copyOf(operations);
  }

  public double available(String name) {
    return scalars.getOrDefault(name, 0.0);
  }

  /** Reserved resources labelled with this service's namespace. */
  public List<Resource> reservedFor(String service) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : reserved) {
      if (ReservationLabels.namespace(r).filter(service::equals).isPresent()) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The pool without the operations decided for {@code services}: what to accept when their
   * records could not be stored. The other services' operations stay valid: they used only what
   * was left, and dropping operations only leaves more.
   */
  public OfferPool withoutOperationsOf(Set<String> services) {
    List<Offer.Operation> kept = operations.stream()
        .filter(op -> Collections.disjoint(Operations.namespaces(op), services))
        .toList();
    return kept.size() == operations.size() ? this
        : new OfferPool(agentId, hostname, role, attributes, offerIds, scalars, ports, reserved, kept);
  }

  /** Whether this round has decided anything for the pool. */
  public boolean used() {
    return !operations.isEmpty();
  }

  /**
   * The pool after {@code ops}: {@code scalars} and {@code takenPorts} leave the unreserved part,
   * every reserved resource whose resource_id is in {@code reservedIds} leaves the reserved part.
   */
  public OfferPool after(
      List<Offer.Operation> ops,
      Map<String, Double> takenScalars,
      RangeSet<Long> takenPorts,
      Set<String> reservedIds) {
    Map<String, Double> s = new HashMap<>(scalars);
    takenScalars.forEach((k, v) -> s.put(k, Scalars.round(s.getOrDefault(k, 0.0) - v)));
    ImmutableRangeSet<Long> p = ports.difference(takenPorts);
    List<Resource> r = new ArrayList<>();
    for (Resource res : reserved) {
      if (!ReservationLabels.resourceId(res).filter(reservedIds::contains).isPresent()) {
        r.add(res);
      }
    }
    List<Offer.Operation> o = new ArrayList<>(operations);
    o.addAll(ops);
    return new OfferPool(agentId, hostname, role, attributes, offerIds, s, p, r, o);
  }
}

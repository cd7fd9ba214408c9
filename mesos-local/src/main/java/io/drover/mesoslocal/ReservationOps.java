package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Volume;

/**
 * RESERVE, UNRESERVE, CREATE and DESTROY as pure functions over an offer's remaining resources and
 * the agent's total: each either returns both rewritten or an error saying why the master drops
 * the operation ({@code validation::operation::validate} in src/master/validation.cpp, then the
 * conversion applied to the offered resources). Resources arrive as the framework wrote them; those
 * without allocation info are taken as allocated to the offer's role, as the master injects it.
 */
final class ReservationOps {

  /** Resources after an operation: what is left to use in this ACCEPT, and the agent's new total. */
  record Applied(Resources available, Resources total) {}

  /** An operation's result: {@code applied} or an {@code error}. */
  record Result(Applied applied, String error) {
    static Result ok(Applied applied) {
      return new Result(applied, null);
    }

    static Result error(String message) {
      return new Result(null, message);
    }
  }

  private ReservationOps() {}

  static Result reserve(List<Resource> raw, Applied in, String offerRole, FrameworkRecord framework) {
    List<Resource> resources = checked(raw, offerRole);
    if (resources == null) {
      return invalid(raw, offerRole);
    }
    FrameworkInfo info = framework.info;
    for (int i = 0; i < resources.size(); i++) {
      Resource r = resources.get(i);
      String allocated = allocationRole(raw.get(i), offerRole);
      if (!ResourceValidation.isDynamicallyReserved(r)) {
        return Result.error("Resource " + describe(r) + " is not dynamically reserved");
      }
      Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
      if (info.hasPrincipal() && !last.hasPrincipal()) {
        return Result.error("A reserve operation was attempted by principal '" + info.getPrincipal()
            + "', but there is a reserved resource in the request with no principal set");
      }
      if (info.hasPrincipal() && !last.getPrincipal().equals(info.getPrincipal())) {
        return Result.error("A reserve operation was attempted by authenticated principal '" + info.getPrincipal()
            + "', which does not match a reserved resource in the request with principal '" + last.getPrincipal() + "'");
      }
      if (!allocated.equals(last.getRole())) {
        return Result.error("A reserve operation was attempted for a resource with role '" + last.getRole()
            + "', but the resource was allocated to role '" + allocated + "'");
      }
      if (!framework.roles().contains(allocated)) {
        return Result.error("A reserve operation was attempted for a resource allocated to role '" + allocated
            + "', but the framework only has roles '" + framework.roles() + "'");
      }
    }
    return convert(in, resources, ResourceFormat::popReservation, r -> r);
  }

  static Result unreserve(List<Resource> raw, Applied in, String offerRole) {
    List<Resource> resources = checked(raw, offerRole);
    if (resources == null) {
      return invalid(raw, offerRole);
    }
    for (Resource r : resources) {
      if (!ResourceValidation.isDynamicallyReserved(r)) {
        return Result.error("Resource " + describe(r) + " is not dynamically reserved");
      }
      if (ResourceFormat.isPersistentVolume(r)) {
        return Result.error("A dynamically reserved persistent volume " + describe(r) + " cannot be unreserved"
            + " directly. Please destroy the persistent volume first then unreserve the resource");
      }
    }
    return convert(in, resources, r -> r, ResourceFormat::popReservation);
  }

  static Result create(List<Resource> raw, Applied in, String offerRole, FrameworkRecord framework) {
    List<Resource> volumes = checked(raw, offerRole);
    if (volumes == null) {
      return invalid(raw, offerRole);
    }
    String error = persistentVolumes(volumes);
    if (error != null) {
      return Result.error("Not a persistent volume: " + error);
    }
    List<Resource> all = new ArrayList<>(in.total().toList());
    all.addAll(volumes);
    error = ResourceValidation.uniquePersistenceIds(all);
    if (error != null) {
      return Result.error(error);
    }
    FrameworkInfo info = framework.info;
    for (Resource v : volumes) {
      if (v.hasShared() && !framework.hasCapability(FrameworkInfo.Capability.Type.SHARED_RESOURCES)) {
        return Result.error("Create volume operation for '" + describe(v) + "' has been attempted by framework '"
            + framework.idValue() + "' with no SHARED_RESOURCES capability");
      }
      Resource.DiskInfo.Persistence persistence = v.getDisk().getPersistence();
      if (info.hasPrincipal() && !persistence.hasPrincipal()) {
        return Result.error("Create volume operation attempted by principal '" + info.getPrincipal()
            + "', but there is a volume in the operation with no principal set in 'disk.persistence'");
      }
      if (info.hasPrincipal() && !persistence.getPrincipal().equals(info.getPrincipal())) {
        return Result.error("Create volume operation attempted by authenticated principal '" + info.getPrincipal()
            + "', which does not match a volume in the operation with principal '" + persistence.getPrincipal()
            + "' set in 'disk.persistence'");
      }
    }
    return convert(in, volumes, ResourceFormat::withoutVolume, v -> v);
  }

  static Result destroy(List<Resource> raw, Applied in, String offerRole) {
    List<Resource> volumes = checked(raw, offerRole);
    if (volumes == null) {
      return invalid(raw, offerRole);
    }
    String error = persistentVolumes(volumes);
    if (error != null) {
      return Result.error("Not a persistent volume: " + error);
    }
    for (Resource v : volumes) {
      if (!in.total().contains(Resources.of(List.of(v)))) {
        return Result.error("Persistent volumes not found");
      }
    }
    return convert(in, volumes, v -> v, ResourceFormat::withoutVolume);
  }

  /**
   * The refinement-format resources, or null when the master would reject them before looking at
   * the operation: {@code Resources::validate}, {@code validation::resource::validate}, or resources
   * allocated to another role than the offer's (they cannot be in the offer).
   */
  private static List<Resource> checked(List<Resource> raw, String offerRole) {
    if (ResourceValidation.format(raw) != null) {
      return null;
    }
    List<Resource> normalized = new ArrayList<>();
    raw.forEach(r -> normalized.add(ResourceFormat.normalize(r)));
    if (ResourceValidation.resources(normalized) != null || !TaskValidation.allocatedTo(raw, offerRole)) {
      return null;
    }
    return normalized;
  }

  private static Result invalid(List<Resource> raw, String offerRole) {
    String error = ResourceValidation.format(raw);
    if (error != null) {
      return Result.error("Operation attempted with invalid resources: " + error);
    }
    List<Resource> normalized = new ArrayList<>();
    raw.forEach(r -> normalized.add(ResourceFormat.normalize(r)));
    error = ResourceValidation.resources(normalized);
    if (error != null) {
      return Result.error("Invalid resources: " + error);
    }
    return Result.error("The resources are allocated to another role than the offer's '" + offerRole + "'");
  }

  /** {@code validatePersistentVolume}: disk info, persistence and a read-write volume. */
  private static String persistentVolumes(List<Resource> volumes) {
    for (Resource v : volumes) {
      if (!v.hasDisk()) {
        return "Resource " + describe(v) + " does not have DiskInfo";
      }
      if (!v.getDisk().hasPersistence()) {
        return "'persistence' is not set in DiskInfo";
      }
      if (!v.getDisk().hasVolume()) {
        return "Expecting 'volume' to be set for persistent volume";
      }
      if (v.getDisk().getVolume().getMode() == Volume.Mode.RO) {
        return "Read-only persistent volume not supported";
      }
    }
    return null;
  }

  /**
   * Replaces each resource's {@code consumed} form by its {@code converted} form, in order. When no
   * two consumed forms are the same resource, nor two converted forms, and no converted form is a
   * consumed one, no step can use what an earlier one produced or took, so the steps come to one
   * difference and one sum: two copies of the agent's total (hundreds of reservations) instead of
   * two per resource. Otherwise, or when that difference fails (to name the resource at fault),
   * step by step.
   */
  private static Result convert(Applied in, List<Resource> resources,
      UnaryOperator<Resource> consumed, UnaryOperator<Resource> converted) {
    List<Resources> from = new ArrayList<>();
    List<Resources> to = new ArrayList<>();
    Set<Resource> fromIds = new HashSet<>();
    Set<Resource> toIds = new HashSet<>();
    boolean independent = true;
    for (Resource r : resources) {
      Resources f = Resources.of(List.of(consumed.apply(r)));
      Resources t = Resources.of(List.of(converted.apply(r)));
      for (Resource id : f.identities()) {
        independent &= fromIds.add(id);
      }
      for (Resource id : t.identities()) {
        independent &= toIds.add(id);
      }
      from.add(f);
      to.add(t);
    }
    if (independent && Collections.disjoint(toIds, fromIds)) {
      Optional<Applied> all = replace(in, Resources.sum(from), Resources.sum(to));
      if (all.isPresent()) {
        return Result.ok(all.get());
      }
    }
    Applied cur = in;
    for (int i = 0; i < resources.size(); i++) {
      Optional<Applied> next = replace(cur, from.get(i), to.get(i));
      if (next.isEmpty()) {
        return Result.error(cur.available() + " does not contain " + describe(consumed.apply(resources.get(i))));
      }
      cur = next.get();
    }
    return Result.ok(cur);
  }

  private static Optional<Applied> replace(Applied cur, Resources f, Resources t) {
    Optional<Resources> available = cur.available().minus(f);
    Optional<Resources> total = cur.total().minus(f);
    if (available.isEmpty() || total.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Applied(available.get().plus(t), total.get().plus(t)));
  }

  private static String allocationRole(Resource r, String offerRole) {
    return r.hasAllocationInfo() && r.getAllocationInfo().hasRole() ? r.getAllocationInfo().getRole() : offerRole;
  }

  private static String describe(Resource r) {
    return ResourceFormat.describe(List.of(r));
  }
}

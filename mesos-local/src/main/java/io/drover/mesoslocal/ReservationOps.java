package io.drover.mesoslocal;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;

/**
 * RESERVE, UNRESERVE, CREATE and DESTROY as pure functions over an offer's remaining resources and
 * the agent's total: each either returns both rewritten or an error saying why the operation is
 * invalid, following the master's validation in the refinement format ({@code reservations[]}).
 */
final class ReservationOps {

  /** Resources after an operation: what is left to use in this ACCEPT, and the agent's new total. */
  record Applied(Resources available, Resources total) {}

  /** An operation's result: {@code applied} or an {@code error}. */
  record Result(Applied applied, String error) {
    static Result ok(Resources available, Resources total) {
      return new Result(new Applied(available, total), null);
    }

    static Result error(String message) {
      return new Result(null, message);
    }
  }

  private ReservationOps() {}

  static Result reserve(List<Resource> resources, Applied in, String offerRole, FrameworkInfo framework) {
    Applied cur = in;
    for (Resource raw : resources) {
      Resource r = ResourceFormat.normalize(raw);
      if (r.getReservationsCount() == 0
          || r.getReservations(r.getReservationsCount() - 1).getType() != Resource.ReservationInfo.Type.DYNAMIC) {
        return Result.error("Invalid RESERVE Operation: Resource " + describe(r) + " is not dynamically reserved");
      }
      Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
      if (!last.getRole().equals(offerRole)) {
        return Result.error("Invalid RESERVE Operation: reservation role '" + last.getRole()
            + "' does not match the offer's allocation role '" + offerRole + "'");
      }
      if (framework.hasPrincipal() && last.hasPrincipal() && !last.getPrincipal().equals(framework.getPrincipal())) {
        return Result.error("Invalid RESERVE Operation: reservation principal '" + last.getPrincipal()
            + "' does not match the framework's principal '" + framework.getPrincipal() + "'");
      }
      Optional<Applied> next = replace(cur, ResourceFormat.popReservation(r), r);
      if (next.isEmpty()) {
        return Result.error("Invalid RESERVE Operation: " + describe(ResourceFormat.popReservation(r))
            + " is not available in the offer");
      }
      cur = next.get();
    }
    return Result.ok(cur.available(), cur.total());
  }

  static Result unreserve(List<Resource> resources, Applied in) {
    Applied cur = in;
    for (Resource raw : resources) {
      Resource r = ResourceFormat.normalize(raw);
      if (r.getReservationsCount() == 0
          || r.getReservations(r.getReservationsCount() - 1).getType() != Resource.ReservationInfo.Type.DYNAMIC) {
        return Result.error("Invalid UNRESERVE Operation: Resource " + describe(r) + " is not dynamically reserved");
      }
      if (ResourceFormat.isPersistentVolume(r)) {
        return Result.error("Invalid UNRESERVE Operation: A disk resource containing a persistent volume "
            + describe(r) + " cannot be unreserved; DESTROY the volume first");
      }
      Optional<Applied> next = replace(cur, r, ResourceFormat.popReservation(r));
      if (next.isEmpty()) {
        return Result.error("Invalid UNRESERVE Operation: " + describe(r) + " is not available in the offer");
      }
      cur = next.get();
    }
    return Result.ok(cur.available(), cur.total());
  }

  static Result create(List<Resource> volumes, Applied in) {
    Applied cur = in;
    for (Resource raw : volumes) {
      Resource v = ResourceFormat.normalize(raw);
      if (!ResourceFormat.isPersistentVolume(v) || !v.getDisk().hasVolume()) {
        return Result.error("Invalid CREATE Operation: Resource " + describe(v) + " is not a persistent volume"
            + " (it needs disk.persistence.id and disk.volume.container_path)");
      }
      if (ResourceFormat.isUnreserved(v)) {
        return Result.error("Invalid CREATE Operation: Persistent volumes cannot be created from unreserved resources");
      }
      String id = v.getDisk().getPersistence().getId();
      boolean taken = cur.total().toList().stream()
          .anyMatch(r -> ResourceFormat.isPersistentVolume(r) && r.getDisk().getPersistence().getId().equals(id));
      if (taken) {
        return Result.error("Invalid CREATE Operation: Persistent volume ID '" + id + "' is already in use");
      }
      Optional<Applied> next = replace(cur, ResourceFormat.withoutVolume(v), v);
      if (next.isEmpty()) {
        return Result.error("Invalid CREATE Operation: " + describe(ResourceFormat.withoutVolume(v))
            + " is not available in the offer");
      }
      cur = next.get();
    }
    return Result.ok(cur.available(), cur.total());
  }

  static Result destroy(List<Resource> volumes, Applied in) {
    Applied cur = in;
    for (Resource raw : volumes) {
      Resource v = ResourceFormat.normalize(raw);
      if (!ResourceFormat.isPersistentVolume(v)) {
        return Result.error("Invalid DESTROY Operation: Resource " + describe(v) + " is not a persistent volume");
      }
      Optional<Applied> next = replace(cur, v, ResourceFormat.withoutVolume(v));
      if (next.isEmpty()) {
        return Result.error("Invalid DESTROY Operation: Persistent volume " + v.getDisk().getPersistence().getId()
            + " is in use or not in the offer");
      }
      cur = next.get();
    }
    return Result.ok(cur.available(), cur.total());
  }

  private static Optional<Applied> replace(Applied cur, Resource from, Resource to) {
    Resources f = Resources.of(List.of(from));
    Resources t = Resources.of(List.of(to));
    Optional<Resources> available = cur.available().minus(f);
    Optional<Resources> total = cur.total().minus(f);
    if (available.isEmpty() || total.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Applied(available.get().plus(t), total.get().plus(t)));
  }

  private static String describe(Resource r) {
    return ResourceFormat.describe(List.of(r));
  }
}

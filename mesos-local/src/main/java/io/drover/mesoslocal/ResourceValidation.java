package io.drover.mesoslocal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * The master's resource checks: {@code Resources::validate} (src/common/resources.cpp) on the
 * resources as the framework wrote them, and {@code validation::resource} (src/master/
 * validation.cpp) on their refinement-format form. Each returns null when valid, else Mesos's
 * message. Resources are described as Mesos logs them, approximately.
 */
final class ResourceValidation {

  private ResourceValidation() {}

  /** {@code Resources::validate} of each resource, in the format the framework used. */
  @SuppressWarnings("deprecation") // Validates the pre-refinement fields too.
  static String format(List<Resource> resources) {
    for (Resource r : resources) {
      String error = format(r);
      if (error != null) {
        return "Resource '" + ResourceFormat.describe(List.of(r)) + "' is invalid: " + error;
      }
    }
    return null;
  }

  /**
   * {@code validation::resource::validate} of refinement-format resources: disk infos of persistent
   * volumes, no reservation of revocable resources, whole GPUs.
   */
  static String resources(List<Resource> normalized) {
    double gpus = 0;
    for (Resource r : normalized) {
      if (r.getName().equals("gpus") && r.getType() == Value.Type.SCALAR) {
        gpus += r.getScalar().getValue();
      }
    }
    if (((long) (gpus * 1000.0)) % 1000 != 0) {
      return "Invalid 'gpus' resource: The 'gpus' resource must be an unsigned integer";
    }
    for (Resource r : normalized) {
      String error = diskInfo(r);
      if (error != null) {
        return "Invalid DiskInfo: " + error;
      }
      if (isDynamicallyReserved(r) && r.hasRevocable()) {
        return "Invalid ReservationInfo: Dynamically reserved resource " + ResourceFormat.describe(List.of(r))
            + " cannot be created from revocable resources";
      }
    }
    return null;
  }

  /** {@code validateUniquePersistenceID}: a persistence id is unique per role on an agent. */
  static String uniquePersistenceIds(List<Resource> normalized) {
    Set<String> seen = new HashSet<>();
    for (Resource r : normalized) {
      if (ResourceFormat.isPersistentVolume(r)) {
        String id = r.getDisk().getPersistence().getId();
        if (!seen.add(ResourceFormat.reservationRole(r).orElse("*") + "\u0000" + id)) {
          return "Persistence ID '" + id + "' is not unique";
        }
      }
    }
    return null;
  }

  /** {@code validateRevocableAndNonRevocableResources}. */
  static String revocableMix(List<Resource> resources) {
    Set<String> revocable = new HashSet<>();
    Set<String> plain = new HashSet<>();
    for (Resource r : resources) {
      (r.hasRevocable() ? revocable : plain).add(r.getName());
    }
    for (String name : revocable) {
      if (plain.contains(name)) {
        return "Cannot use both revocable and non-revocable '" + name + "' at the same time";
      }
    }
    return null;
  }

  static boolean isDynamicallyReserved(Resource normalized) {
    return normalized.getReservationsCount() > 0
        && normalized.getReservations(normalized.getReservationsCount() - 1).getType()
            == Resource.ReservationInfo.Type.DYNAMIC;
  }

  @SuppressWarnings("deprecation")
  private static String format(Resource r) {
    if (r.getName().isEmpty()) {
      return "Empty resource name";
    }
    switch (r.getType()) {
      case SCALAR:
        if (!r.hasScalar() || r.hasRanges() || r.hasSet()) {
          return "Invalid scalar resource";
        }
        if (r.getScalar().getValue() != 0 && Math.round(r.getScalar().getValue() * 1000) <= 0) {
          return "Invalid scalar resource: value <= 0";
        }
        break;
      case RANGES: {
        if (r.hasScalar() || !r.hasRanges() || r.hasSet()) {
          return "Invalid ranges resource";
        }
        List<Value.Range> ranges = r.getRanges().getRangeList();
        for (int i = 0; i < ranges.size(); i++) {
          Value.Range a = ranges.get(i);
          if (Long.compareUnsigned(a.getBegin(), a.getEnd()) > 0) {
            return "Invalid ranges resource: begin > end";
          }
          for (int j = i + 1; j < ranges.size(); j++) {
            long b = ranges.get(j).getBegin();
            if (Long.compareUnsigned(a.getBegin(), b) <= 0 && Long.compareUnsigned(b, a.getEnd()) <= 0) {
              return "Invalid ranges resource: overlapping ranges";
            }
          }
        }
        break;
      }
      case SET:
        if (r.hasScalar() || r.hasRanges() || !r.hasSet()) {
          return "Invalid set resource";
        }
        if (new HashSet<>(r.getSet().getItemList()).size() != r.getSet().getItemCount()) {
          return "Invalid set resource: duplicated elements";
        }
        break;
      default:
        return "Unsupported resource type";
    }
    if (r.hasDisk() && !r.getName().equals("disk")) {
      return "DiskInfo should not be set for " + r.getName() + " resource";
    }
    String error = r.getReservationsCount() == 0 ? preRefinement(r) : postRefinement(r);
    if (error != null) {
      return error;
    }
    if (r.hasShared()) {
      if (!r.getName().equals("disk")) {
        return "Resource " + r.getName() + " cannot be shared";
      }
      if (!r.hasDisk() || !r.getDisk().hasPersistence()) {
        return "Only persistent volumes can be shared";
      }
    }
    return null;
  }

  @SuppressWarnings("deprecation")
  private static String preRefinement(Resource r) {
    String error = FrameworkValidation.validateRole(r.getRole());
    if (error != null) {
      return error;
    }
    if (r.hasReservation()) {
      if (r.getReservation().hasType()) {
        return "'Resource.ReservationInfo.type' must not be set for the 'Resource.reservation' field";
      }
      if (r.getReservation().hasRole()) {
        return "'Resource.ReservationInfo.role' must not be set for the 'Resource.reservation' field";
      }
      if (r.getRole().equals("*")) {
        return "Invalid reservation: role \"*\" cannot be dynamically reserved";
      }
    }
    return null;
  }

  @SuppressWarnings("deprecation")
  private static String postRefinement(Resource r) {
    for (Resource.ReservationInfo reservation : r.getReservationsList()) {
      if (!reservation.hasType()) {
        return "Invalid reservation: 'Resource.ReservationInfo.type' field must be set.";
      }
      if (!reservation.hasRole()) {
        return "Invalid reservation: 'Resource.ReservationInfo.role' field must be set.";
      }
      String error = FrameworkValidation.validateRole(reservation.getRole());
      if (error != null) {
        return error;
      }
      if (reservation.getRole().equals("*")) {
        return "Invalid reservation: role \"*\" cannot be reserved";
      }
    }
    String ancestor = r.getReservations(0).getRole();
    for (int i = 1; i < r.getReservationsCount(); i++) {
      Resource.ReservationInfo reservation = r.getReservations(i);
      if (reservation.getType() == Resource.ReservationInfo.Type.STATIC) {
        return "Invalid refined reservation: A refined reservation cannot be STATIC";
      }
      String descendant = reservation.getRole();
      if (!(descendant.length() > ancestor.length() && descendant.startsWith(ancestor + "/"))) {
        return "Invalid refined reservation: role '" + descendant + "' is not a refinement of '" + ancestor + "'";
      }
      ancestor = descendant;
    }
    if (r.getReservationsCount() > 1) {
      if (r.hasRole()) {
        return "Invalid resource format: 'Resource.role' must not be set if there is more than one reservation"
            + " in 'Resource.reservations'";
      }
      if (r.hasReservation()) {
        return "Invalid resource format: 'Resource.reservation' must not be set if there is more than one"
            + " reservation in 'Resource.reservations'";
      }
      return null;
    }
    Resource.ReservationInfo only = r.getReservations(0);
    if (r.hasRole() && !r.getRole().equals(only.getRole())) {
      return "Invalid resource format: 'Resource.role' field with '" + r.getRole() + "' does not match the role '"
          + only.getRole() + "' in 'Resource.reservations'";
    }
    switch (only.getType()) {
      case STATIC:
        if (r.hasReservation()) {
          return "Invalid resource format: 'Resource.reservation' must not be set if the single reservation in"
              + " 'Resource.reservations' is STATIC";
        }
        return null;
      case DYNAMIC:
        if (r.hasRole() != r.hasReservation()) {
          return "Invalid resource format: 'Resource.role' and 'Resource.reservation' must either be both set or"
              + " both not set if the single reservation in 'Resource.reservations' is DYNAMIC";
        }
        if (r.hasReservation() && !r.getReservation().getPrincipal().equals(only.getPrincipal())) {
          return "Invalid resource format: 'Resource.reservation.principal' field with '"
              + r.getReservation().getPrincipal() + "' does not match the principal '" + only.getPrincipal()
              + "' in 'Resource.reservations'";
        }
        if (r.hasReservation() && !r.getReservation().getLabels().equals(only.getLabels())) {
          return "Invalid resource format: 'Resource.reservation.labels' field does not match the labels in"
              + " 'Resource.reservations'";
        }
        return null;
      default:
        return "Unsupported 'Resource.ReservationInfo.Type'";
    }
  }

  /** {@code validateDiskInfo} of one refinement-format resource. */
  private static String diskInfo(Resource r) {
    if (!r.hasDisk()) {
      return null;
    }
    if (r.getDisk().hasPersistence()) {
      if (r.hasRevocable()) {
        return "Persistent volumes cannot be created from revocable resources";
      }
      if (ResourceFormat.isUnreserved(r)) {
        return "Persistent volumes cannot be created from unreserved resources";
      }
      if (!r.getDisk().hasVolume()) {
        return "Expecting 'volume' to be set for persistent volume";
      }
      if (r.getDisk().getVolume().hasHostPath()) {
        return "Expecting 'host_path' to be unset for persistent volume";
      }
      String error = TaskValidation.validateId(r.getDisk().getPersistence().getId());
      return error == null ? null : "Invalid persistence ID for persistent volume: " + error;
    }
    if (r.getDisk().hasVolume()) {
      return "Non-persistent volume not supported";
    }
    if (!r.getDisk().hasSource()) {
      return "DiskInfo is set but empty";
    }
    return null;
  }
}

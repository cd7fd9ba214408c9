package io.drover.mesoslocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Conversions between resource notations: the agent's {@code --resources} text, the pre-refinement
 * format ({@code role} and {@code reservation}) and the refinement format ({@code reservations[]})
 * that mesos-local uses internally and in every offer.
 */
final class ResourceFormat {

  private ResourceFormat() {}

  /**
   * Converts to the refinement format and drops the allocation info, so that equal resources have
   * equal identities whichever format the framework used.
   */
  @SuppressWarnings("deprecation") // Reads the pre-refinement fields to convert them.
  static Resource normalize(Resource r) {
    Resource.Builder b = r.toBuilder().clearAllocationInfo();
    if (r.getReservationsCount() == 0 && r.hasRole() && !r.getRole().equals("*")) {
      Resource.ReservationInfo.Builder reservation = Resource.ReservationInfo.newBuilder().setRole(r.getRole());
      if (r.hasReservation()) {
        reservation.setType(Resource.ReservationInfo.Type.DYNAMIC);
        if (r.getReservation().hasPrincipal()) {
          reservation.setPrincipal(r.getReservation().getPrincipal());
        }
        if (r.getReservation().hasLabels()) {
          reservation.setLabels(r.getReservation().getLabels());
        }
      } else {
        reservation.setType(Resource.ReservationInfo.Type.STATIC);
      }
      b.addReservations(reservation);
    }
    b.clearRole().clearReservation();
    if (r.getType() == Value.Type.RANGES) {
      b.setRanges(Ranges.normalize(r.getRanges()));
    }
    return b.build();
  }

  /**
   * The pre-refinement form a master sends frameworks without RESERVATION_REFINEMENT
   * ({@code downgradeResource}): {@code role} ("*" when unreserved) and, for a dynamic reservation,
   * {@code reservation} with its principal and labels. Refined reservations stay as they are.
   */
  @SuppressWarnings("deprecation") // Writes the pre-refinement fields such frameworks read.
  static Resource downgrade(Resource r) {
    if (r.getReservationsCount() > 1) {
      return r;
    }
    Resource.Builder b = r.toBuilder().clearReservations();
    if (r.getReservationsCount() == 0) {
      return b.setRole("*").build();
    }
    Resource.ReservationInfo reservation = r.getReservations(0);
    b.setRole(reservation.getRole());
    if (reservation.getType() == Resource.ReservationInfo.Type.DYNAMIC) {
      Resource.ReservationInfo.Builder old = Resource.ReservationInfo.newBuilder();
      if (reservation.hasPrincipal()) {
        old.setPrincipal(reservation.getPrincipal());
      }
      if (reservation.hasLabels()) {
        old.setLabels(reservation.getLabels());
      }
      b.setReservation(old);
    }
    return b.build();
  }

  /**
   * The form the master's endpoints print ({@code ENDPOINT} format): the refinement fields and, where
   * one reservation makes it possible, the pre-refinement {@code role} and {@code reservation} too.
   */
  @SuppressWarnings("deprecation") // Adds the pre-refinement fields old tools read.
  static Resource endpoint(Resource r) {
    if (r.getReservationsCount() > 1) {
      return r;
    }
    Resource old = downgrade(r);
    Resource.Builder b = r.toBuilder().setRole(old.getRole());
    if (old.hasReservation()) {
      b.setReservation(old.getReservation());
    }
    return b.build();
  }

  static boolean isUnreserved(Resource r) {
    return r.getReservationsCount() == 0;
  }

  /** The role the resource is reserved for (its most refined reservation), if any. */
  static Optional<String> reservationRole(Resource r) {
    return r.getReservationsCount() == 0
        ? Optional.empty()
        : Optional.of(r.getReservations(r.getReservationsCount() - 1).getRole());
  }

  static boolean isPersistentVolume(Resource r) {
    return r.hasDisk() && r.getDisk().hasPersistence();
  }

  /** The resource as it was before its most refined reservation was made. */
  static Resource popReservation(Resource r) {
    return r.toBuilder().removeReservations(r.getReservationsCount() - 1).build();
  }

  /** The resource without its persistent volume (the plain reserved disk it was created from). */
  static Resource withoutVolume(Resource r) {
    return r.toBuilder().clearDisk().build();
  }

  /**
   * Parses agent resources such as {@code cpus:4;mem:4096;disk:10240;ports:[31000-32000]}; a
   * {@code name(role):value} entry is statically reserved for that role.
   */
  static List<Resource> parse(String text) {
    List<Resource> out = new ArrayList<>();
    for (String part : text.split(";")) {
      String entry = part.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("Bad agent resource '" + entry + "': expected name:value, e.g. cpus:4");
      }
      String name = entry.substring(0, colon).trim();
      String value = entry.substring(colon + 1).trim();
      Resource.Builder b = Resource.newBuilder();
      int paren = name.indexOf('(');
      if (paren > 0 && name.endsWith(")")) {
        b.addReservations(Resource.ReservationInfo.newBuilder()
            .setType(Resource.ReservationInfo.Type.STATIC)
            .setRole(name.substring(paren + 1, name.length() - 1)));
        name = name.substring(0, paren);
      }
      b.setName(name);
      if (value.startsWith("[")) {
        b.setType(Value.Type.RANGES).setRanges(parseRanges(entry, value));
      } else {
        try {
          b.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(Double.parseDouble(value)));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("Bad agent resource '" + entry + "': value must be a number or [a-b, c-d]", e);
        }
      }
      out.add(b.build());
    }
    return out;
  }

  private static Value.Ranges parseRanges(String entry, String value) {
    if (!value.endsWith("]")) {
      throw new IllegalArgumentException("Bad agent resource '" + entry + "': ranges must look like [31000-32000]");
    }
    Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
    for (String r : value.substring(1, value.length() - 1).split(",")) {
      String[] ends = r.trim().split("-");
      try {
        long begin = Long.parseLong(ends[0].trim());
        long end = ends.length > 1 ? Long.parseLong(ends[1].trim()) : begin;
        ranges.addRange(Ranges.range(begin, end));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Bad agent resource '" + entry + "': ranges must look like [31000-32000]", e);
      }
    }
    return Ranges.normalize(ranges.build());
  }

  /** A short human-readable form, as Mesos logs resources: {@code cpus(role):1; ports:[31000-31001]}. */
  /**
   * Resources as the master's messages print them ({@code operator<<}) when they are allocated to
   * {@code role}: {@code cpus(allocated: web):0.5; mem(allocated: web):64}.
   */
  static String describe(List<Resource> resources, String role) {
    StringBuilder out = new StringBuilder();
    for (Resource r : resources) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(r.getName()).append("(allocated: ").append(role).append(')');
      reservationRole(r).ifPresent(reserved -> out.append("(reservations: [(").append(reservationType(r))
          .append(',').append(reserved).append(")])"));
      out.append(':').append(r.getType() == Value.Type.SCALAR ? number(r.getScalar().getValue())
          : Ranges.format(r.getRanges()));
    }
    return out.toString();
  }

  private static String reservationType(Resource r) {
    return r.getReservations(r.getReservationsCount() - 1).getType().name();
  }

  /** A scalar as Mesos prints it: at most three decimals, no trailing zeros. */
  static String number(double value) {
    return java.math.BigDecimal.valueOf(Resources.round(value)).stripTrailingZeros().toPlainString();
  }

  static String describe(List<Resource> resources) {
    StringBuilder out = new StringBuilder();
    for (Resource r : resources) {
      if (out.length() > 0) {
        out.append("; ");
      }
      out.append(r.getName());
      reservationRole(r).ifPresent(role -> out.append('(').append(role).append(')'));
      if (isPersistentVolume(r)) {
        out.append("[").append(r.getDisk().getPersistence().getId()).append(']');
      }
      out.append(':');
      if (r.getType() == Value.Type.SCALAR) {
        out.append(Resources.round(r.getScalar().getValue()));
      } else {
        out.append(Ranges.format(r.getRanges()));
      }
    }
    return out.toString();
  }
}

package io.drover.reconcile.mesos;

import java.util.Optional;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * Drover's dynamic reservations, in the RESERVATION_REFINEMENT format: the last entry of
 * {@code Resource.reservations[]} is {@code {DYNAMIC, role, principal, labels}} with labels
 * {@code namespace=<service>} and {@code resource_id=<uuid>}. Only reservations carrying a
 * namespace label are ever considered Drover's; everything else is left alone.
 */
public final class ReservationLabels {
  public static final String NAMESPACE = "namespace";
  public static final String RESOURCE_ID = "resource_id";

  private ReservationLabels() {}

  /** The reservation Drover pushes on top of an unreserved resource. */
  public static ReservationInfo dynamic(
      String role, String principal, String service, String resourceId) {
    ReservationInfo.Builder b =
        ReservationInfo.newBuilder()
            .setType(ReservationInfo.Type.DYNAMIC)
            .setRole(role)
            .setLabels(
                Labels.newBuilder()
                    .addLabels(Label.newBuilder().setKey(NAMESPACE).setValue(service))
                    .addLabels(Label.newBuilder().setKey(RESOURCE_ID).setValue(resourceId)));
    if (principal != null && !principal.isEmpty()) {
      b.setPrincipal(principal);
    }
    return b.build();
  }

  /** Whether the resource carries any reservation (static or dynamic). */
  public static boolean isReserved(Resource r) {
    return r.getReservationsCount() > 0 || r.hasReservation();
  }

  /** The namespace label of the resource's own (last) reservation, if any. */
  public static Optional<String> namespace(Resource r) {
    return label(r, NAMESPACE);
  }

  /** The resource_id label of the resource's own (last) reservation, if any. */
  public static Optional<String> resourceId(Resource r) {
    return label(r, RESOURCE_ID);
  }

  private static Optional<String> label(Resource r, String key) {
    if (r.getReservationsCount() == 0) {
      return Optional.empty();
    }
    ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
    if (last.getType() != ReservationInfo.Type.DYNAMIC || !last.hasLabels()) {
      return Optional.empty();
    }
    for (Label l : last.getLabels().getLabelsList()) {
      if (l.getKey().equals(key) && l.hasValue() && !l.getValue().isEmpty()) {
        return Optional.of(l.getValue());
      }
    }
    return Optional.empty();
  }
}

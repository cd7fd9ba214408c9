package io.drover.reconcile.mesos;

import com.google.common.collect.RangeSet;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.AllocationInfo;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;

/** Builders of the reserved resources Drover puts in RESERVE, CREATE and LAUNCH operations. */
public final class Resources {

  private Resources() {}

  public static Resource scalar(
      String name, double amount, String role, List<ReservationInfo> reservations) {
    return base(name, role, reservations)
        .setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(Scalars.round(amount)))
        .build();
  }

  public static Resource ports(
      RangeSet<Long> ports, String role, List<ReservationInfo> reservations) {
    return base("ports", role, reservations)
        .setType(Value.Type.RANGES)
        .setRanges(PortRanges.toMesos(ports))
        .build();
  }

  /** A persistent volume on reserved root disk, as created by CREATE and used by LAUNCH. */
  public static Resource volume(
      double sizeMiB,
      String role,
      List<ReservationInfo> reservations,
      String persistenceId,
      String principal,
      String containerPath) {
    DiskInfo.Persistence.Builder p = DiskInfo.Persistence.newBuilder().setId(persistenceId);
    if (principal != null && !principal.isEmpty()) {
      p.setPrincipal(principal);
    }
    return base("disk", role, reservations)
        .setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(Scalars.round(sizeMiB)))
        .setDisk(
            DiskInfo.newBuilder()
                .setPersistence(p)
                .setVolume(
                    Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW)))
        .build();
  }

  /** A volume's disk as it is after DESTROY: still reserved, no longer a volume. */
  public static Resource withoutVolume(Resource r) {
    if (!r.hasDisk()) {
      return r;
    }
    DiskInfo d = r.getDisk().toBuilder().clearPersistence().clearVolume().build();
    Resource.Builder b = r.toBuilder();
    if (d.equals(DiskInfo.getDefaultInstance())) {
      b.clearDisk();
    } else {
      b.setDisk(d);
    }
    return b.build();
  }

  public static boolean isVolume(Resource r) {
    return r.hasDisk() && r.getDisk().hasPersistence();
  }

  private static Resource.Builder base(
      String name, String role, List<ReservationInfo> reservations) {
    return Resource.newBuilder()
        .setName(name)
        .setAllocationInfo(AllocationInfo.newBuilder().setRole(role))
        .addAllReservations(reservations);
  }
}

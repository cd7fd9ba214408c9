package io.drover.reconcile.mesos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Builders of the offer operations Drover uses. */
public final class Operations {

  private Operations() {}

  public static Operation reserve(List<Resource> resources) {
    return Operation.newBuilder()
        .setType(Operation.Type.RESERVE)
        .setReserve(Operation.Reserve.newBuilder().addAllResources(resources))
        .build();
  }

  public static Operation unreserve(List<Resource> resources) {
    return Operation.newBuilder()
        .setType(Operation.Type.UNRESERVE)
        .setUnreserve(Operation.Unreserve.newBuilder().addAllResources(resources))
        .build();
  }

  public static Operation create(List<Resource> volumes) {
    return Operation.newBuilder()
        .setType(Operation.Type.CREATE)
        .setCreate(Operation.Create.newBuilder().addAllVolumes(volumes))
        .build();
  }

  public static Operation destroy(List<Resource> volumes) {
    return Operation.newBuilder()
        .setType(Operation.Type.DESTROY)
        .setDestroy(Operation.Destroy.newBuilder().addAllVolumes(volumes))
        .build();
  }

  public static Operation launch(List<TaskInfo> tasks) {
    return Operation.newBuilder()
        .setType(Operation.Type.LAUNCH)
        .setLaunch(Operation.Launch.newBuilder().addAllTaskInfos(tasks))
        .build();
  }

  /**
   * The namespaces (services) an operation acts for: those of the reservations it names. Every
   * operation Drover decides for a service carries that service's namespace on its resources;
   * an operation with none (not one of Drover's) answers empty.
   */
  public static Set<String> namespaces(Operation op) {
    List<Resource> resources = new ArrayList<>();
    switch (op.getType()) {
      case RESERVE -> resources.addAll(op.getReserve().getResourcesList());
      case UNRESERVE -> resources.addAll(op.getUnreserve().getResourcesList());
      case CREATE -> resources.addAll(op.getCreate().getVolumesList());
      case DESTROY -> resources.addAll(op.getDestroy().getVolumesList());
      case LAUNCH -> op.getLaunch().getTaskInfosList().forEach(t -> resources.addAll(t.getResourcesList()));
      case LAUNCH_GROUP -> {
        resources.addAll(op.getLaunchGroup().getExecutor().getResourcesList());
        op.getLaunchGroup().getTaskGroup().getTasksList().forEach(t -> resources.addAll(t.getResourcesList()));
      }
      default -> { }
    }
    Set<String> out = new TreeSet<>();
    resources.forEach(r -> ReservationLabels.namespace(r).ifPresent(out::add));
    return out;
  }

  /**
   * Releases reserved resources: DESTROY of the persistent volumes first, then one UNRESERVE of
   * everything (volumes as they are after DESTROY). Mesos applies them in this order.
   */
  public static List<Operation> release(List<Resource> reserved) {
    List<Resource> volumes = new ArrayList<>();
    List<Resource> plain = new ArrayList<>();
    for (Resource r : reserved) {
      if (Resources.isVolume(r)) {
        volumes.add(r);
      }
      plain.add(Resources.withoutVolume(r));
    }
    List<Operation> ops = new ArrayList<>();
    if (!volumes.isEmpty()) {
      ops.add(destroy(volumes));
    }
    if (!plain.isEmpty()) {
      ops.add(unreserve(plain));
    }
    return ops;
  }
}

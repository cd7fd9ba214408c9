package io.drover.reconcile.mesos;

import java.util.ArrayList;
import java.util.List;
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

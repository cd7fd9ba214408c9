package io.drover.controller.mesos;

import java.util.List;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

/** Builds a LAUNCH of one small shell task from an offer, as a scheduler would. */
final class Launches {

  private Launches() {}

  static Offer.Operation launch(Offer offer, String taskId, String command) {
    TaskInfo task = TaskInfo.newBuilder()
        .setName(taskId)
        .setTaskId(TaskID.newBuilder().setValue(taskId))
        .setAgentId(offer.getAgentId())
        .addResources(scalar(offer, "cpus", 0.1))
        .addResources(scalar(offer, "mem", 32))
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue(command))
        .build();
    return Offer.Operation.newBuilder()
        .setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task))
        .build();
  }

  static void launchOn(SchedulerCalls calls, Offer offer, String taskId, String command) {
    calls.accept(List.of(offer.getId()), List.of(launch(offer, taskId, command)),
        Filters.newBuilder().setRefuseSeconds(1).build());
  }

  /** A scalar resource shaped like the offer's (same allocation role), as MULTI_ROLE requires. */
  private static Resource scalar(Offer offer, String name, double value) {
    Resource offered = offer.getResourcesList().stream()
        .filter(r -> r.getName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("offer has no " + name + ": " + offer));
    return offered.toBuilder()
        .setScalar(Value.Scalar.newBuilder().setValue(value))
        .build();
  }
}

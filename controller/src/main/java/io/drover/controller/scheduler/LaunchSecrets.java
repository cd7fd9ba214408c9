package io.drover.controller.scheduler;

import com.google.protobuf.ByteString;
import io.drover.controller.mesos.SchedulerCalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The last step before a launch goes to Mesos: every secret environment variable the scheduler
 * stored as a REFERENCE to a named secret becomes a VALUE secret holding the secret's current
 * value, which the agent's default secret resolver puts into the task's environment. The stored
 * TaskInfos keep the reference, so no value is written to ZooKeeper by the scheduler, and a value
 * travels only in the ACCEPT. A reference to a secret that no longer exists is sent as it is: the
 * agent cannot resolve it and fails the task, which backs off and tries again.
 */
public final class LaunchSecrets implements SchedulerCalls {
  private final SchedulerCalls calls;
  private final Function<String, Optional<byte[]>> values;

  /** @param values the current value of a secret, empty when there is none */
  public LaunchSecrets(SchedulerCalls calls, Function<String, Optional<byte[]>> values) {
    this.calls = calls;
    this.values = values;
  }

  @Override
  public void accept(List<OfferID> offerIds, List<Offer.Operation> operations, Filters filters) {
    List<Offer.Operation> resolved = new ArrayList<>(operations.size());
    for (Offer.Operation op : operations) {
      resolved.add(resolve(op));
    }
    calls.accept(offerIds, resolved, filters);
  }

  private Offer.Operation resolve(Offer.Operation op) {
    if (op.getType() == Offer.Operation.Type.LAUNCH) {
      Offer.Operation.Builder b = op.toBuilder();
      b.getLaunchBuilder().getTaskInfosBuilderList().forEach(this::resolve);
      return b.build();
    }
    if (op.getType() == Offer.Operation.Type.LAUNCH_GROUP) {
      Offer.Operation.Builder b = op.toBuilder();
      b.getLaunchGroupBuilder().getTaskGroupBuilder().getTasksBuilderList().forEach(this::resolve);
      return b.build();
    }
    return op;
  }

  private void resolve(TaskInfo.Builder task) {
    if (!task.hasCommand() || !task.getCommand().hasEnvironment()) {
      return;
    }
    CommandInfo.Builder command = task.getCommandBuilder();
    for (Environment.Variable.Builder v : command.getEnvironmentBuilder().getVariablesBuilderList()) {
      if (v.getType() == Environment.Variable.Type.SECRET && v.getSecret().getType() == Secret.Type.REFERENCE) {
        values.apply(v.getSecret().getReference().getName()).ifPresent(value -> v.setSecret(Secret.newBuilder()
            .setType(Secret.Type.VALUE)
            .setValue(Secret.Value.newBuilder().setData(ByteString.copyFrom(value)))));
      }
    }
  }

  @Override
  public void decline(List<OfferID> offerIds, Filters filters) {
    calls.decline(offerIds, filters);
  }

  @Override
  public void revive(Collection<String> roles) {
    calls.revive(roles);
  }

  @Override
  public void suppress(Collection<String> roles) {
    calls.suppress(roles);
  }

  @Override
  public void kill(TaskID taskId, AgentID agentId) {
    calls.kill(taskId, agentId);
  }

  @Override
  public void acknowledge(TaskStatus status) {
    calls.acknowledge(status);
  }

  @Override
  public void reconcile(List<Call.Reconcile.Task> tasks) {
    calls.reconcile(tasks);
  }

  @Override
  public void teardown() {
    calls.teardown();
  }
}

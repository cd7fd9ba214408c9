package io.drover.controller.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;

/** References become values on the way out, for LAUNCH and LAUNCH_GROUP; nothing else changes. */
class LaunchSecretsTest {
  private final RecordedCalls sent = new RecordedCalls(new ArrayList<>());
  private final Map<String, byte[]> store = Map.of("db-pass", "v4lue".getBytes(StandardCharsets.UTF_8));
  private final LaunchSecrets calls = new LaunchSecrets(sent, name -> Optional.ofNullable(store.get(name)));

  private static Environment.Variable reference(String variable, String secret) {
    return Environment.Variable.newBuilder().setName(variable).setType(Environment.Variable.Type.SECRET)
        .setSecret(Secret.newBuilder().setType(Secret.Type.REFERENCE)
            .setReference(Secret.Reference.newBuilder().setName(secret))).build();
  }

  private static TaskInfo task(Environment.Variable... vars) {
    return TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("t"))
        .setAgentId(AgentID.newBuilder().setValue("a"))
        .setCommand(CommandInfo.newBuilder().setValue("run").setEnvironment(Environment.newBuilder()
            .addVariables(Environment.Variable.newBuilder().setName("PLAIN").setValue("p"))
            .addAllVariables(List.of(vars))))
        .build();
  }

  @Test
  void knownReferencesBecomeValuesAndUnknownOnesStayReferences() {
    Offer.Operation launch = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task(reference("DB", "db-pass"), reference("GONE", "gone"))))
        .build();
    Offer.Operation group = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder()
            .setExecutor(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("e")))
            .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(task(reference("DB", "db-pass")))))
        .build();
    Offer.Operation reserve = Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE).build();

    calls.accept(List.of(OfferID.newBuilder().setValue("o").build()), List.of(reserve, launch, group), Filters.getDefaultInstance());

    List<Offer.Operation> out = sent.accepts.get(0).operations();
    assertThat(out.get(0)).isEqualTo(reserve);
    List<Environment.Variable> vars = out.get(1).getLaunch().getTaskInfos(0).getCommand().getEnvironment().getVariablesList();
    assertThat(vars.get(0).getValue()).isEqualTo("p");
    assertThat(vars.get(1).getSecret().getType()).isEqualTo(Secret.Type.VALUE);
    assertThat(vars.get(1).getSecret().getValue().getData().toStringUtf8()).isEqualTo("v4lue");
    assertThat(vars.get(1).getSecret().hasReference()).isFalse();
    assertThat(vars.get(2)).isEqualTo(reference("GONE", "gone"));
    Environment.Variable inGroup = out.get(2).getLaunchGroup().getTaskGroup().getTasks(0).getCommand().getEnvironment()
        .getVariables(1);
    assertThat(inGroup.getSecret().getValue().getData().toStringUtf8()).isEqualTo("v4lue");
  }
}

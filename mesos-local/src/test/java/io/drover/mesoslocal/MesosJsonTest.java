package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OfferFilters;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class MesosJsonTest {

  @Test
  void printsLikeMesosAndParsesBack() throws Exception {
    Event event = Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
        .setStatus(TaskStatus.newBuilder()
            .setTaskId(TaskID.newBuilder().setValue("t \"1\""))
            .setAgentId(AgentID.newBuilder().setValue("a"))
            .setState(TaskState.TASK_UNREACHABLE)
            .setUuid(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) 0xff}))
            .setTimestamp(1.5)
            .setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(1_700_000_000_000_000_000L))))
        .build();
    String json = MesosJson.print(event);
    assertThat(json).isEqualTo("{\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t \\\"1\\\"\"},"
        + "\"state\":\"TASK_UNREACHABLE\",\"agent_id\":{\"value\":\"a\"},\"timestamp\":1.5,\"uuid\":\"AQID/w==\","
        + "\"unreachable_time\":{\"nanoseconds\":1700000000000000000}}}}");
    Event parsed = MediaType.JSON.decode(json.getBytes(StandardCharsets.UTF_8), Event.newBuilder()).build();
    assertThat(parsed).isEqualTo(event);
  }

  @Test
  void unsignedRangesAndMapsAreNumbersAndObjects() throws Exception {
    Value.Ranges ranges = Value.Ranges.newBuilder().addRange(Ranges.range(31000, 32000)).build();
    assertThat(MesosJson.print(ranges)).isEqualTo("{\"range\":[{\"begin\":31000,\"end\":32000}]}");
    FrameworkInfo info = FrameworkInfo.newBuilder().setUser("u").setName("n")
        .putOfferFilters("web", OfferFilters.getDefaultInstance()).build();
    // Unset fields with an explicit default are printed with it (failover_timeout, checkpoint);
    // the deprecated role, default "*", is not.
    assertThat(MesosJson.print(info)).isEqualTo("{\"user\":\"u\",\"name\":\"n\",\"failover_timeout\":0.0,"
        + "\"checkpoint\":false,\"offer_filters\":{\"web\":{}}}");
    assertThat(MediaType.JSON.decode(MesosJson.print(info).getBytes(StandardCharsets.UTF_8), FrameworkInfo.newBuilder())
        .build()).isEqualTo(info.toBuilder().setFailoverTimeout(0).setCheckpoint(false).build());
    assertThat(MesosJson.print(HealthCheck.getDefaultInstance())).isEqualTo("{\"delay_seconds\":15.0,"
        + "\"interval_seconds\":10.0,\"timeout_seconds\":20.0,\"consecutive_failures\":3,\"grace_period_seconds\":10.0}");
  }

  @Test
  void requestsParseAsStoutParsesThem() throws Exception {
    // 64-bit integers and booleans as strings, a single value for a repeated field, proto names only.
    Call call = decode("{\"type\":\"DECLINE\",\"framework_id\":{\"value\":\"f\"},"
        + "\"decline\":{\"offer_ids\":{\"value\":\"o1\"},\"filters\":{\"refuse_seconds\":\"2.5\"}},"
        + "\"frameworkId\":{\"value\":\"ignored\"}}");
    assertThat(call.getFrameworkId().getValue()).isEqualTo("f");
    assertThat(call.getDecline().getOfferIdsList()).extracting(OfferID::getValue).containsExactly("o1");
    assertThat(call.getDecline().getFilters().getRefuseSeconds()).isEqualTo(2.5);
    Call kill = decode("{\"type\":\"KILL\",\"framework_id\":{\"value\":\"f\"},\"kill\":{\"task_id\":{\"value\":\"t\"},"
        + "\"kill_policy\":{\"grace_period\":{\"nanoseconds\":\"3000000000\"}}}}");
    assertThat(kill.getKill().getKillPolicy().getGracePeriod().getNanoseconds()).isEqualTo(3_000_000_000L);
    // An unknown name leaves an optional enum unset.
    assertThat(decode("{\"type\":\"NOT_A_CALL\"}").hasType()).isFalse();

    assertThatThrownBy(() -> decode("{\"type\":3}"))
        .hasMessage("Failed to convert JSON into Call protobuf: Not expecting a JSON number for field 'type'");
    assertThatThrownBy(() -> decode("{\"type\":\"KILL\",\"frameworkId\":{\"value\":\"f\"},\"kill\":{\"taskId\":{\"value\":\"t\"}}}"))
        .hasMessageStartingWith("Failed to convert JSON into Call protobuf: Missing required fields: kill.task_id");
    assertThatThrownBy(() -> decode("{\"type\":[\"KILL\"]}"))
        .hasMessage("Failed to convert JSON into Call protobuf: Not expecting a JSON array for field 'type'");
    assertThatThrownBy(() -> decode("[1]")).hasMessage("Failed to convert JSON into Call protobuf: Expecting a JSON object");
    assertThatThrownBy(() -> decode("{")).hasMessageStartingWith("Failed to parse body into JSON");
  }

  private static Call decode(String json) throws Exception {
    return MediaType.JSON.decode(json.getBytes(StandardCharsets.UTF_8), Call.newBuilder()).buildPartial();
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.OfferFilters;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
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
    assertThat(MesosJson.print(info)).isEqualTo("{\"user\":\"u\",\"name\":\"n\",\"offer_filters\":{\"web\":{}}}");
    assertThat(MediaType.JSON.decode(MesosJson.print(info).getBytes(StandardCharsets.UTF_8), FrameworkInfo.newBuilder())
        .build()).isEqualTo(info);
  }
}

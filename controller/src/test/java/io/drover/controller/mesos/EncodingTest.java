package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UnknownFieldSet;
import java.nio.charset.StandardCharsets;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class EncodingTest {

  @Test
  void jsonIgnoresUnknownFieldsAndEnumValuesLikeRealMesos111Sends() throws Exception {
    // A real 1.11 master lists a capability its own protos do not define: "{}" in JSON.
    String json = """
        {"type":"SUBSCRIBED","brand_new":{"x":1},
         "subscribed":{"framework_id":{"value":"fw-1"},"heartbeat_interval_seconds":15.0,
           "master_info":{"id":"m1","ip":16777343,"port":5050,"hostname":"localhost",
             "capabilities":[{"type":"AGENT_UPDATE"},{},{"type":"FROM_THE_FUTURE"}]}}}
        """;
    Event event = Encoding.JSON.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(event.getType()).isEqualTo(Event.Type.SUBSCRIBED);
    assertThat(event.getSubscribed().getFrameworkId().getValue()).isEqualTo("fw-1");
    assertThat(event.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(15.0);
    assertThat(event.getSubscribed().getMasterInfo().getCapabilitiesList())
        .extracting(MasterInfo.Capability::getType)
        .contains(MasterInfo.Capability.Type.AGENT_UPDATE);
  }

  @Test
  void jsonEventOfAnUnknownTypeDecodesAsUnknown() throws Exception {
    Event event = Encoding.JSON.decode("{\"type\":\"NEW_IN_2030\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(event.getType()).isEqualTo(Event.Type.UNKNOWN);
  }

  @Test
  void protobufKeepsUnknownFieldsAndEnumValuesAside() throws Exception {
    UnknownFieldSet unknownEnum = UnknownFieldSet.newBuilder()
        .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(999).build()).build();
    MasterInfo master = MasterInfo.newBuilder().setId("m1").setIp(1).setPort(5050)
        .addCapabilities(MasterInfo.Capability.newBuilder().setUnknownFields(unknownEnum))
        .buildPartial();
    Event sent = Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1"))
            .setMasterInfo(master))
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build())
        .build();

    Event event = Encoding.PROTOBUF.decode(sent.toByteArray());

    assertThat(event.getSubscribed().getFrameworkId().getValue()).isEqualTo("fw-1");
    assertThat(event.getSubscribed().getMasterInfo().getCapabilities(0).hasType()).isFalse();
  }

  @Test
  void jsonCallsUseProtoFieldNamesAsMesosExpects() {
    Call call = Call.newBuilder().setType(Call.Type.TEARDOWN)
        .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1")).build();
    String json = new String(Encoding.JSON.encode(call), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"framework_id\":{\"value\":\"fw-1\"},\"type\":\"TEARDOWN\"}");
  }

  @Test
  void protobufCallsRoundTrip() throws Exception {
    Call call = Call.newBuilder().setType(Call.Type.REVIVE)
        .setRevive(Call.Revive.newBuilder().addRoles("web")).build();
    assertThat(Call.parseFrom(Encoding.PROTOBUF.encode(call))).isEqualTo(call);
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void doublesArePlainDecimalsWithAFractionAsMesosPrintsThem() {
    // What stout's "%#.15g", trailing zeros cut, prints for each.
    assertThat(JsonWriter.decimal(60)).isEqualTo("60.0");
    assertThat(JsonWriter.decimal(0)).isEqualTo("0.0");
    assertThat(JsonWriter.decimal(0.1)).isEqualTo("0.1");
    assertThat(JsonWriter.decimal(1e7)).isEqualTo("10000000.0");
    assertThat(JsonWriter.decimal(12345678.5)).isEqualTo("12345678.5");
    assertThat(JsonWriter.decimal(-2.5e8)).isEqualTo("-250000000.0");
    assertThat(JsonWriter.decimal(0.0005)).isEqualTo("0.0005");
    assertThat(JsonWriter.decimal(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(JsonWriter.decimal(1764754512.123456)).isEqualTo("1764754512.12346");
    assertThat(JsonWriter.decimal(Double.NaN)).isEqualTo("null");
  }

  @Test
  void stateMapsAndProtobufMessagesPrintLargeScalarsWithoutAnExponent() {
    Map<String, Object> used = new LinkedHashMap<>();
    used.put("mem", 1e7);
    used.put("disk", 12345678.5);
    used.put("ports", List.of(31000L));
    assertThat(JsonWriter.write(used)).isEqualTo("{\"mem\":10000000.0,\"disk\":12345678.5,\"ports\":[31000]}");

    Resource mem = Resource.newBuilder().setName("mem").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1e7)).build();
    assertThat(MesosJson.print(mem)).contains("\"scalar\":{\"value\":10000000.0}").doesNotContain("E");
  }
}

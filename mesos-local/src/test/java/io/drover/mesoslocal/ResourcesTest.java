package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

@SuppressWarnings("deprecation") // Exercises the deprecated role fields frameworks still send.
class ResourcesTest {

  static Resources parse(String text) {
    return Resources.of(ResourceFormat.parse(text));
  }

  @Test
  void sumsDifferencesAndContainmentOfScalarsAndRanges() {
    Resources agent = parse("cpus:4;mem:1024;ports:[31000-31010]");
    Resources task = parse("cpus:1.5;mem:100;ports:[31002-31003]");
    assertThat(agent.contains(task)).isTrue();
    Resources left = agent.minus(task).orElseThrow();
    assertThat(left.scalar("cpus")).isEqualTo(2.5);
    assertThat(Ranges.format(left.ranges("ports"))).isEqualTo("[31000-31001, 31004-31010]");
    assertThat(left.plus(task)).isEqualTo(agent);
    assertThat(left.contains(task)).isFalse();
    assertThat(left.minus(task)).isEmpty();
  }

  @Test
  void scalarsUseMesosFixedPoint() {
    Resources r = parse("cpus:0.1").plus(parse("cpus:0.2"));
    assertThat(r.scalar("cpus")).isEqualTo(0.3);
    assertThat(r.minus(parse("cpus:0.3")).orElseThrow().isEmpty()).isTrue();
  }

  @Test
  void reservationsAreDistinctResources() {
    Resources r = parse("cpus:2;cpus(web):1");
    assertThat(r.scalar("cpus")).isEqualTo(3.0);
    assertThat(r.filter(ResourceFormat::isUnreserved).scalar("cpus")).isEqualTo(2.0);
    assertThat(r.contains(parse("cpus(db):1"))).isFalse();
  }

  @Test
  void preRefinementReservationsAreNormalized() {
    Resource old = Resource.newBuilder().setName("mem").setType(Value.Type.SCALAR).setRole("web")
        .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal("p"))
        .setScalar(Value.Scalar.newBuilder().setValue(5)).build();
    Resource normalized = ResourceFormat.normalize(old);
    assertThat(normalized.hasRole()).isFalse();
    assertThat(normalized.getReservationsList()).singleElement().satisfies(r -> {
      assertThat(r.getType()).isEqualTo(Resource.ReservationInfo.Type.DYNAMIC);
      assertThat(r.getRole()).isEqualTo("web");
      assertThat(r.getPrincipal()).isEqualTo("p");
    });
  }

  @Test
  void rangesMergeAndSubtract() {
    Value.Ranges a = Value.Ranges.newBuilder().addRange(Ranges.range(5, 9)).addRange(Ranges.range(1, 4))
        .addRange(Ranges.range(20, 20)).build();
    assertThat(Ranges.format(Ranges.normalize(a))).isEqualTo("[1-9, 20-20]");
    assertThat(Ranges.format(Ranges.subtract(a, Value.Ranges.newBuilder().addRange(Ranges.range(3, 20)).build())))
        .isEqualTo("[1-2]");
  }

  @Test
  void badAgentResourcesSayWhatIsExpected() {
    assertThatThrownBy(() -> ResourceFormat.parse("cpus=4")).hasMessageContaining("expected name:value");
    assertThatThrownBy(() -> ResourceFormat.parse("ports:[a-b]")).hasMessageContaining("[31000-32000]");
    assertThat(ResourceFormat.parse("cpus(web):2")).singleElement()
        .satisfies(r -> assertThat(r.getReservations(0).getType()).isEqualTo(Resource.ReservationInfo.Type.STATIC));
    assertThat(ResourceFormat.describe(List.of(ResourceFormat.parse("cpus(web):2").get(0)))).isEqualTo("cpus(web):2.0");
  }
}

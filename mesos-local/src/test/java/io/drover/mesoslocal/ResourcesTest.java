package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
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
  void aSumIsItsPartsAddedOneByOne() {
    List<Resources> parts = List.of(parse("cpus(a):1;mem:10"), Resources.empty(), parse("ports:[31000-31001];cpus:0.1"),
        parse("cpus(a):0.2;ports:[31005-31006];disk:5"));
    Resources stepwise = Resources.empty();
    for (Resources part : parts) {
      stepwise = stepwise.plus(part);
    }
    Resources sum = Resources.sum(parts);
    assertThat(sum).isEqualTo(stepwise);
    assertThat(sum.toList()).isEqualTo(stepwise.toList());
    assertThat(sum.scalar("cpus")).isEqualTo(1.3);
    assertThat(Resources.sum(List.of()).isEmpty()).isTrue();
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

  @Test
  void volumesCompareByPersistenceIdNotByHowTheyAreMountedAndLabelsAsASet() {
    Resource.ReservationInfo reservation = Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("web").setPrincipal("p")
        .setLabels(Labels.newBuilder().addLabels(label("namespace", "svc")).addLabels(label("resource_id", "r1")))
        .build();
    Resource volume = Resource.newBuilder().setName("disk").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(64)).addReservations(reservation)
        .setDisk(Resource.DiskInfo.newBuilder()
            .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("v1").setPrincipal("p"))
            .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW)))
        .build();
    Resource mountedElsewhere = volume.toBuilder().setDisk(Resource.DiskInfo.newBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("v1"))
        .setVolume(Volume.newBuilder().setContainerPath("other").setMode(Volume.Mode.RW))).build();
    Resource labelsReordered = volume.toBuilder().setReservations(0, reservation.toBuilder()
        .setLabels(Labels.newBuilder().addLabels(label("resource_id", "r1")).addLabels(label("namespace", "svc")))).build();
    Resource otherId = volume.toBuilder().setDisk(volume.getDisk().toBuilder()
        .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("v2"))).build();
    Resources offered = Resources.of(List.of(volume));
    assertThat(offered.contains(Resources.of(List.of(mountedElsewhere)))).isTrue();
    assertThat(offered.contains(Resources.of(List.of(labelsReordered)))).isTrue();
    assertThat(offered.contains(Resources.of(List.of(otherId)))).isFalse();
  }

  private static Label label(String key, String value) {
    return Label.newBuilder().setKey(key).setValue(value).build();
  }
}

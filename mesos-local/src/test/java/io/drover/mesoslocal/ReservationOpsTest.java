package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

/** An operation on several resources is the same as its resources converted one after the other. */
class ReservationOpsTest {

  private static final FrameworkRecord WEB = new FrameworkRecord(FrameworkID.newBuilder().setValue("f").build(),
      FrameworkInfo.newBuilder().setUser("u").setName("web").setRole("web").setPrincipal("p").build(), 0);
  private static final Resources AGENT = ResourcesTest.parse("cpus:4;mem:1024;disk:100;ports:[31000-31010]");

  private static List<Resource> reserved(String text) {
    return ResourceFormat.parse(text).stream().map(r -> r.toBuilder().addReservations(Resource.ReservationInfo
        .newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("web").setPrincipal("p")).build()).toList();
  }

  /** Each resource reserved by an operation of its own, in order; the first error ends it. */
  private static ReservationOps.Result oneByOne(List<Resource> resources, ReservationOps.Applied in) {
    ReservationOps.Result result = ReservationOps.Result.ok(in);
    for (Resource r : resources) {
      result = ReservationOps.reserve(List.of(r), result.applied(), "web", WEB);
      if (result.error() != null) {
        return result;
      }
    }
    return result;
  }

  @Test
  void reservingSeveralResourcesAtOnceEqualsReservingThemOneByOne() {
    ReservationOps.Applied in = new ReservationOps.Applied(AGENT, AGENT);
    List<Resource> resources = reserved("cpus:1;mem:100;disk:10;ports:[31000-31001]");
    ReservationOps.Result together = ReservationOps.reserve(resources, in, "web", WEB);
    ReservationOps.Result apart = oneByOne(resources, in);
    assertThat(together.error()).isNull();
    assertThat(together).isEqualTo(apart);
    assertThat(together.applied().total().toList()).isEqualTo(apart.applied().total().toList());
    assertThat(together.applied().available().toList()).isEqualTo(apart.applied().available().toList());
    assertThat(together.applied().total().scalar("cpus")).isEqualTo(4.0);

    ReservationOps.Result back = ReservationOps.unreserve(resources, together.applied(), "web");
    assertThat(back.applied().total()).isEqualTo(AGENT);
  }

  @Test
  void aResourceNamedTwiceIsTakenStepByStep() {
    ReservationOps.Applied in = new ReservationOps.Applied(AGENT, AGENT);
    List<Resource> twice = reserved("cpus:1;cpus:0.5");
    assertThat(ReservationOps.reserve(twice, in, "web", WEB)).isEqualTo(oneByOne(twice, in));
    assertThat(ReservationOps.reserve(twice, in, "web", WEB).applied().total().scalar("cpus")).isEqualTo(4.0);

    // Overlapping ranges: the second finds the port the first took reserved already, as in Mesos,
    // though the union of the two would fit in what was offered.
    List<Resource> overlapping = reserved("ports:[31000-31001];ports:[31001-31002]");
    ReservationOps.Result result = ReservationOps.reserve(overlapping, in, "web", WEB);
    assertThat(result.error()).isNotNull().contains("does not contain");
    assertThat(result).isEqualTo(oneByOne(overlapping, in));
  }
}

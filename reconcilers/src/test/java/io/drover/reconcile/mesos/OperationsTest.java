package io.drover.reconcile.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class OperationsTest {

  private static Resource reserved(String namespace) {
    return Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1))
        .addReservations(ReservationLabels.dynamic("role", "principal", namespace, "id-" + namespace))
        .build();
  }

  @Test
  void anOperationActsForTheNamespacesOfTheReservationsItNames() {
    assertThat(Operations.namespaces(Operations.reserve(List.of(reserved("web"), reserved("api")))))
        .containsExactly("api", "web");
    assertThat(Operations.namespaces(Operations.release(List.of(reserved("db"))).get(0))).containsExactly("db");
    TaskInfo task = TaskInfo.newBuilder().setName("t").setTaskId(TaskID.newBuilder().setValue("web__t__1"))
        .setAgentId(AgentID.newBuilder().setValue("a1")).addResources(reserved("web")).build();
    assertThat(Operations.namespaces(Operations.launch(List.of(task)))).containsExactly("web");
    Resource unreserved = Resource.newBuilder().setName("mem").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1)).build();
    assertThat(Operations.namespaces(Operations.reserve(List.of(unreserved)))).isEmpty();
  }
}

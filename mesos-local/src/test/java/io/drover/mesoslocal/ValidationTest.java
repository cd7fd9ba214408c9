package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

/** Accept negotiation and the FrameworkInfo and id checks the master applies. */
@SuppressWarnings("deprecation") // Exercises the deprecated role fields frameworks still send.
class ValidationTest {

  @Test
  void acceptHeadersPreferJsonAndHonourZeroQuality() {
    assertThat(MediaType.ofAccept(null)).isEqualTo(MediaType.JSON);
    assertThat(MediaType.ofAccept("*/*")).isEqualTo(MediaType.JSON);
    assertThat(MediaType.ofAccept("application/x-protobuf")).isEqualTo(MediaType.PROTOBUF);
    assertThat(MediaType.ofAccept("application/json;q=0, application/*")).isEqualTo(MediaType.JSON);
    assertThat(MediaType.ofAccept("application/json;q=0, application/x-protobuf")).isEqualTo(MediaType.PROTOBUF);
    assertThat(MediaType.ofAccept("text/html")).isNull();
    assertThat(MediaType.ofContentType("application/json; charset=utf-8")).isNull();
  }

  @Test
  void rolesFollowMesosRules() {
    assertThat(FrameworkValidation.validateRole("*")).isNull();
    assertThat(FrameworkValidation.validateRole("a/b")).isNull();
    assertThat(FrameworkValidation.validateRole("/a")).contains("cannot start with a slash");
    assertThat(FrameworkValidation.validateRole("a//b")).contains("two adjacent slashes");
    assertThat(FrameworkValidation.validateRole("a/..")).contains("'..'");
    assertThat(FrameworkValidation.validateRole("-a")).contains("starts with a dash");
    assertThat(FrameworkValidation.validateRole("a b")).contains("whitespace");
  }

  @Test
  void frameworkInfoRolesMustMatchMultiRole() {
    FrameworkInfo.Builder base = FrameworkInfo.newBuilder().setUser("u").setName("n");
    assertThat(FrameworkValidation.validate(base.build())).isNull();
    assertThat(FrameworkValidation.validate(base.clone().addRoles("a").build())).contains("not MULTI_ROLE");
    FrameworkInfo.Builder multi = base.clone()
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE));
    assertThat(FrameworkValidation.validate(multi.clone().setRole("a").build())).contains("must not be set");
    assertThat(FrameworkValidation.validate(multi.clone().addRoles("a").addRoles("a").build())).contains("duplicate");
    assertThat(FrameworkValidation.validate(base.clone().setFailoverTimeout(-1).build())).contains("failover_timeout");
  }

  @Test
  void idsMayNotBePathsOrControlCharacters() {
    assertThat(TaskValidation.validateId("web__0-server__abc")).isNull();
    assertThat(TaskValidation.validateId("")).contains("empty");
    assertThat(TaskValidation.validateId("..")).contains("disallowed");
    assertThat(TaskValidation.validateId("a/b")).contains("invalid characters");
  }

  @Test
  void resourcesFollowTheFormatRulesOfResourcesValidate() {
    Resource cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1)).build();
    assertThat(ResourceValidation.format(List.of(cpus))).isNull();
    assertThat(ResourceValidation.format(List.of(cpus.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(0.0001)).build())))
        .endsWith("Invalid scalar resource: value <= 0");
    Resource.ReservationInfo dynamic = Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("web").setPrincipal("p").build();
    assertThat(ResourceValidation.format(List.of(cpus.toBuilder().addReservations(dynamic).build()))).isNull();
    assertThat(ResourceValidation.format(List.of(cpus.toBuilder().addReservations(dynamic.toBuilder().clearType()).build())))
        .endsWith("'Resource.ReservationInfo.type' field must be set.");
    assertThat(ResourceValidation.format(List.of(cpus.toBuilder().addReservations(dynamic.toBuilder().setRole("*")).build())))
        .endsWith("role \"*\" cannot be reserved");
    assertThat(ResourceValidation.format(List.of(cpus.toBuilder().addReservations(dynamic)
        .addReservations(dynamic.toBuilder().setRole("db")).build()))).endsWith("is not a refinement of 'web'");
    Resource ports = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(5).setEnd(9))
            .addRange(Value.Range.newBuilder().setBegin(9).setEnd(10))).build();
    assertThat(ResourceValidation.format(List.of(ports))).endsWith("overlapping ranges");
    Resource volume = Resource.newBuilder().setName("disk").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(8)).addReservations(dynamic)
        .setDisk(Resource.DiskInfo.newBuilder().setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId("v"))).build();
    assertThat(ResourceValidation.resources(List.of(volume))).isEqualTo("Invalid DiskInfo: Expecting 'volume' to be set for persistent volume");
    assertThat(ResourceValidation.uniquePersistenceIds(List.of(volume, volume))).isEqualTo("Persistence ID 'v' is not unique");
  }

  @Test
  void checksFollowCommonValidation() {
    CommandInfo command = CommandInfo.newBuilder().setValue("true").build();
    assertThat(CheckValidation.checkInfo(CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
        .setCommand(CheckInfo.Command.newBuilder().setCommand(command)).build())).isNull();
    assertThat(CheckValidation.checkInfo(CheckInfo.getDefaultInstance())).isEqualTo("CheckInfo must specify 'type'");
    assertThat(CheckValidation.checkInfo(CheckInfo.newBuilder().setType(CheckInfo.Type.COMMAND)
        .setCommand(CheckInfo.Command.newBuilder().setCommand(command)).setIntervalSeconds(-1).build()))
        .isEqualTo("Expecting 'interval_seconds' to be non-negative");
    assertThat(CheckValidation.healthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.HTTP)
        .setHttp(HealthCheck.HTTPCheckInfo.newBuilder().setPort(80).setPath("x")).build()))
        .isEqualTo("The path 'x' of HTTP health check must start with '/'");
    assertThat(CheckValidation.healthCheck(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
        .setCommand(command).setGracePeriodSeconds(-1).build()))
        .isEqualTo("Expecting 'grace_period_seconds' to be non-negative");
  }
}

package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;
import org.junit.jupiter.api.Test;

class FrameworkConfigTest {

  @Test
  void frameworkInfoCarriesRolesCapabilitiesAndTheWeekLongFailoverTimeout() {
    FrameworkInfo info = FrameworkConfig.named("drover").withUser("svc").withRoles(List.of("a", "b"))
        .withPrincipal("drover-principal", null)
        .toFrameworkInfo(FrameworkID.newBuilder().setValue("fw-1").build());

    assertThat(info.getName()).isEqualTo("drover");
    assertThat(info.getUser()).isEqualTo("svc");
    assertThat(info.getRolesList()).containsExactly("a", "b");
    assertThat(info.hasRole()).isFalse();
    assertThat(info.getPrincipal()).isEqualTo("drover-principal");
    assertThat(info.getId().getValue()).isEqualTo("fw-1");
    assertThat(info.getCheckpoint()).isTrue();
    assertThat(info.getFailoverTimeout()).isEqualTo(Duration.ofDays(7).toSeconds());
    assertThat(info.getCapabilitiesList()).extracting(Capability::getType).containsExactlyInAnyOrder(
        Capability.Type.MULTI_ROLE, Capability.Type.RESERVATION_REFINEMENT, Capability.Type.PARTITION_AWARE);
  }

  @Test
  void aFirstSubscriptionHasNoId() {
    assertThat(FrameworkConfig.named("drover").toFrameworkInfo(null).hasId()).isFalse();
  }

  @Test
  void theSecretBecomesBasicCredentialsAndIsNeverPrinted() {
    FrameworkConfig config = FrameworkConfig.named("drover").withPrincipal("p", "s3cret");
    assertThat(config.basicCredentials()).contains("p:s3cret");
    assertThat(config.toString()).doesNotContain("s3cret").contains("secret=****");
    assertThat(FrameworkConfig.named("drover").basicCredentials()).isEmpty();
  }

  @Test
  void refusesIncompleteConfiguration() {
    assertThatThrownBy(() -> FrameworkConfig.named("drover").withRoles(List.of()))
        .hasMessageContaining("roles must be non-empty");
    assertThatThrownBy(() -> FrameworkConfig.named("drover").withPrincipal(null, "s"))
        .hasMessageContaining("secret needs a principal");
    assertThatThrownBy(() -> FrameworkConfig.named(" ")).hasMessageContaining("framework name");
  }
}

package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.FrameworkInfo;
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
}

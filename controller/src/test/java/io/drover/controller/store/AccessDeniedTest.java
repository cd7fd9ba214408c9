package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.controller.store.AccessDenied.Access;
import java.util.List;
import java.util.Optional;
import org.apache.zookeeper.data.ClientInfo;
import org.junit.jupiter.api.Test;

class AccessDeniedTest {

  private static final StorePaths PATHS = new StorePaths("/drover");

  @Test
  void nodesAreClassifiedByTheirPlaceUnderTheRoot() {
    assertThat(NodeClass.of(PATHS, "/drover")).contains(NodeClass.ROOT);
    assertThat(NodeClass.of(PATHS, "/drover/services")).contains(NodeClass.SERVICES);
    assertThat(NodeClass.of(PATHS, "/drover/services/hello")).contains(NodeClass.SERVICES);
    assertThat(NodeClass.of(PATHS, "/drover/status/hello")).contains(NodeClass.CONTROLLER);
    assertThat(NodeClass.of(PATHS, "/drover/scheduler/services/a/tasks")).contains(NodeClass.CONTROLLER);
    assertThat(NodeClass.of(PATHS, "/drover/leader/_c_1-latch-0001")).contains(NodeClass.CONTROLLER);
    assertThat(NodeClass.of(PATHS, "/drover/statusx")).isEmpty();
    assertThat(NodeClass.of(PATHS, "/other")).isEmpty();
  }

  @Test
  void theChrootIsLeftOutOfPathsShownToUsers() {
    assertThat(AccessDenied.withoutNamespace("tenant/a", "/tenant/a/drover/status/x"))
        .isEqualTo("/drover/status/x");
    assertThat(AccessDenied.withoutNamespace("", "/drover")).isEqualTo("/drover");
    assertThat(AccessDenied.withoutNamespace("tenant", "/tenantx/drover")).isEqualTo("/tenantx/drover");
  }

  @Test
  void theIdentityIsTheDigestUsersOfTheSession() {
    ClientInfo ip = new ClientInfo("ip", "127.0.0.1");
    assertThat(SessionIdentity.describe(List.of(ip))).isEqualTo("anonymous");
    assertThat(SessionIdentity.describe(List.of(ip, new ClientInfo("digest", "ci"))))
        .isEqualTo("user 'ci'");
    assertThat(SessionIdentity.describe(List.of(new ClientInfo("digest", "a"),
        new ClientInfo("digest", "b")))).isEqualTo("users 'a', 'b'");
  }

  @Test
  void nodesOutsideTheLayoutPointAtTheirAcl() {
    assertThat(AccessDenied.message(Access.WRITE, "/elsewhere", "anonymous", Optional.empty()))
        .isEqualTo("not allowed to write /elsewhere as anonymous: the node's ACL does not allow"
            + " it; check the credentials given with --zk-auth (or DROVER_ZK_AUTH), user and"
            + " password");
  }

  @Test
  void credentialsNeverShowTheirPassword() {
    DigestIdentity identity = DigestIdentity.parse("--user-auth", "ci:pa:ss");
    assertThat(identity.password()).isEqualTo("pa:ss");
    assertThat(identity.toString()).isEqualTo("digest user 'ci'").doesNotContain("pa:ss");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> DigestIdentity.parse("--user-auth", "ci:")))
        .hasMessage("invalid --user-auth: expected USER:PASSWORD with a non-empty user and password");
  }
}

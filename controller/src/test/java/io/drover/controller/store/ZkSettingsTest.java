package io.drover.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ZkSettingsTest {

  @Test
  void parsesHostsAndChrootWithDefaults() {
    ZkSettings s = ZkSettings.of("zk1:2181,zk2:2181/prod/tenant/");

    assertThat(s.hosts()).isEqualTo("zk1:2181,zk2:2181");
    assertThat(s.chroot()).isEqualTo("prod/tenant");
    assertThat(s.connectString()).isEqualTo("zk1:2181,zk2:2181/prod/tenant");
    assertThat(s.root()).isEqualTo("/drover");
    assertThat(s.digestAuth()).isNull();
    assertThat(s.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.paths().service("hello")).isEqualTo("/drover/services/hello");
    assertThat(s.paths().status("hello")).isEqualTo("/drover/status/hello");
  }

  @Test
  void normalizesTheRootAndNeverPrintsThePassword() {
    ZkSettings s = ZkSettings.of("127.0.0.1:2181").withRoot("/team/drover/")
        .withDigestAuth("alice:s3cret");

    assertThat(s.root()).isEqualTo("/team/drover");
    assertThat(s.toString()).doesNotContain("s3cret").contains("digest auth");
  }

  @Test
  void rejectsMalformedValuesNamingThem() {
    assertThatThrownBy(() -> ZkSettings.of("zk1"))
        .hasMessage("invalid ZooKeeper address 'zk1' in 'zk1': expected "
            + "host:port[,host:port...][/chroot]");
    assertThatThrownBy(() -> ZkSettings.of(" "))
        .hasMessageStartingWith("no ZooKeeper address");
    assertThatThrownBy(() -> ZkSettings.of("zk:2181,").withRoot("/x"))
        .hasMessageContaining("invalid ZooKeeper address ''");
    assertThatThrownBy(() -> ZkSettings.of("zk:2181").withRoot("drover"))
        .hasMessageStartingWith("invalid root 'drover'");
    assertThatThrownBy(() -> ZkSettings.of("zk:2181").withDigestAuth("alice"))
        .hasMessage("invalid ZooKeeper credentials: expected user:password");
    assertThatThrownBy(() -> ZkSettings.of("zk:2181").withConnectionTimeout(Duration.ZERO))
        .hasMessage("ZooKeeper timeouts must be positive");
    assertThatThrownBy(() -> new StorePaths("/drover").service("../x"))
        .hasMessage("invalid service name '../x'");
  }
}

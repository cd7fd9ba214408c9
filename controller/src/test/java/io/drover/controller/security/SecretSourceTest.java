package io.drover.controller.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {

  @TempDir
  Path dir;

  @Test
  void aFileOnTheCommandLineWinsThenAFileInTheEnvironmentThenTheValue() throws Exception {
    Path option = Files.writeString(dir.resolve("option"), "from-option\n");
    Path fromEnv = Files.writeString(dir.resolve("env"), "from-env-file\r\n");
    Map<String, String> env = Map.of("DROVER_MESOS_SECRET_FILE", fromEnv.toString(),
        "DROVER_MESOS_SECRET", "from-env");

    assertThat(SecretSource.read("the Mesos secret", option, "DROVER_MESOS_SECRET", env)
        .orElseThrow().reveal()).isEqualTo("from-option");
    assertThat(SecretSource.read("the Mesos secret", null, "DROVER_MESOS_SECRET", env)
        .orElseThrow().reveal()).isEqualTo("from-env-file");
    assertThat(SecretSource.read("the Mesos secret", null, "DROVER_MESOS_SECRET",
        Map.of("DROVER_MESOS_SECRET", "from-env")).orElseThrow().reveal()).isEqualTo("from-env");
    assertThat(SecretSource.read("the Mesos secret", null, "DROVER_MESOS_SECRET", Map.of()))
        .isEmpty();
  }

  @Test
  void unreadableOrEmptyFilesAreNamedWithoutTheirContent() throws Exception {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> SecretSource.read("the API token", missing, "DROVER_API_TOKEN",
        Map.of()))
        .hasMessage("cannot read the API token from " + missing + ": no such file");
    Path blank = Files.writeString(dir.resolve("blank"), " \n");
    assertThatThrownBy(() -> SecretSource.read("the API token", blank, "DROVER_API_TOKEN",
        Map.of()))
        .hasMessage("the API token file " + blank + " is empty");
  }

  @Test
  void aSecretPrintsAsAMaskAndComparesExactly() {
    Secret s = Secret.of("s3cr3t");
    assertThat(s).hasToString("****");
    assertThat(String.valueOf(java.util.Optional.of(s))).doesNotContain("s3cr3t");
    assertThat(s.matches("s3cr3t")).isTrue();
    assertThat(s.matches("s3cr3")).isFalse();
    assertThat(s.matches(null)).isFalse();
  }
}

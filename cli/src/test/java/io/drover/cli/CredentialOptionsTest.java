package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials from files and the environment: ZooKeeper digest credentials and TLS settings for
 * every store verb, the Mesos secret and API token of {@code drover controller}; bad ones are usage
 * errors that name the file, never its content.
 */
class CredentialOptionsTest {

  @RegisterExtension
  static final ZooKeeperServer ZK = new ZooKeeperServer();

  @TempDir
  Path dir;

  private Drover drover;

  @BeforeEach
  void start() {
    drover = new Drover(ZK.connectString(), dir);
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("DROVER_ZK", ZK.connectString());
    env.put("DROVER_ROOT", drover.root());
    return env;
  }

  @Test
  void zooKeeperCredentialsComeFromAFileNamedByOptionOrEnvironment() throws Exception {
    assertThat(drover.run("zk", "init", "--controller-auth", "drover:c-pw", "--user-auth",
        "ci:u-pw").exit()).isZero();
    Path auth = Files.writeString(dir.resolve("zk-auth"), "ci:u-pw\n");
    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 1));

    Drover.Result byOption = drover.runWithEnv(env(), "", "apply", "-f", "hello.yaml",
        "--zk-auth-file", auth.toString());
    assertThat(byOption.exit()).as(byOption.err()).isZero();
    Map<String, String> env = env();
    env.put("DROVER_ZK_AUTH_FILE", auth.toString());
    Drover.Result byEnvironment = drover.runWithEnv(env, "", "get", "service", "hello");
    assertThat(byEnvironment.exit()).as(byEnvironment.err()).isZero();

    Path missing = dir.resolve("nope");
    Drover.Result unreadable = drover.runWithEnv(env(), "", "get", "services",
        "--zk-auth-file", missing.toString());
    assertThat(unreadable.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unreadable.err()).startsWith(
        "error: cannot read the ZooKeeper credentials from " + missing + ": no such file\n");
  }

  @Test
  void aBrokenTlsConfigurationIsAUsageErrorNamingTheSetting() throws Exception {
    Path config = Files.writeString(dir.resolve("zk-client.properties"),
        "zookeeper.ssl.trustStore.location=/etc/zk/truststore.p12\n");

    Drover.Result result = drover.runWithEnv(env(), "", "get", "services",
        "--zk-client-config", config.toString());

    assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("error: " + config + " sets"
        + " zookeeper.ssl.trustStore.location but not zookeeper.client.secure=true: the"
        + " connection would not use TLS\n");
  }

  @Test
  void theControllerRefusesUnreadableOrOrphanSecrets() throws Exception {
    Path missing = dir.resolve("mesos-secret");
    Run unreadable = controller(Map.of(), "--mesos-secret-file", missing.toString(),
        "--principal", "drover");
    assertThat(unreadable.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(unreadable.err())
        .contains("error: cannot read the Mesos secret from " + missing + ": no such file");

    Run noPrincipal = controller(Map.of("DROVER_MESOS_SECRET", "s3cr3t-value"));
    assertThat(noPrincipal.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(noPrincipal.err())
        .contains("error: a Mesos secret was given but no --principal")
        .doesNotContain("s3cr3t-value");

    Path emptyToken = Files.writeString(dir.resolve("api-token"), "\n");
    Run empty = controller(Map.of("DROVER_API_TOKEN_FILE", emptyToken.toString()));
    assertThat(empty.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(empty.err()).contains("error: the API token file " + emptyToken + " is empty");
  }

  private record Run(int exit, String err) {}

  /** {@code drover controller} in its own JVM (it configures process-wide logging). */
  private Run controller(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "io.drover.cli.Main", "controller", "--master", "http://127.0.0.1:1"));
    command.addAll(List.of(args));
    Path err = Files.createTempFile(dir, "controller", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("DROVER"));
    builder.environment().putAll(env());
    builder.environment().putAll(extraEnv);
    Process p = builder.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("drover controller did not stop within 60s:\n"
            + Files.readString(err));
      }
      return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }
}

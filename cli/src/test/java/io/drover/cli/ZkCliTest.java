package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents written by hand with the real zkCli ({@code org.apache.zookeeper.ZooKeeperMain}, run
 * as its own process exactly as {@code zkCli.sh} runs it) are what the store and the CLI read.
 * The commands are the ones docs/cli.md shows.
 */
class ZkCliTest {

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

  /** Runs one zkCli command and returns its output; fails the test if zkCli fails. */
  private String zkCli(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "org.apache.zookeeper.ZooKeeperMain", "-server", ZK.connectString()));
    args.addAll(List.of(command));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    try {
      boolean exited = process.waitFor(60, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(exited).as("zkCli finished: " + output).isTrue();
      assertThat(process.exitValue()).as("zkCli " + String.join(" ", command) + ": " + output)
          .isZero();
      return output;
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void createUpdateAndDeleteWithZkCli() throws Exception {
    // zkCli's create makes no parents; docs/cli.md shows the two creates a fresh ensemble needs.
    String services = drover.root() + "/services";
    drover.client().create().creatingParentsIfNeeded().forPath(services);

    zkCli("create", services + "/hello", Docs.service("hello", 2));

    Drover.Result created = drover.run("get", "service", "hello");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("hello   0            -          Pending   -/2");
    assertThat(drover.stored("hello")).isEqualTo(Docs.service("hello", 2));

    zkCli("set", "-v", "0", services + "/hello", Docs.service("hello", 3));

    assertThat(drover.run("get", "service", "hello").out())
        .contains("hello   1            -          Pending   -/3");
    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 3));
    assertThat(drover.run("apply", "-f", "hello.yaml").out())
        .isEqualTo("service/hello unchanged\n");

    zkCli("set", services + "/hello", "spec: {pods: }");

    Drover.Result invalid = drover.run("get", "service", "hello", "-o", "yaml");
    assertThat(invalid.exit()).isZero();
    assertThat(invalid.out()).contains("phase: Invalid");
    assertThat(drover.run("get", "services").out())
        .contains("hello   2            -          Invalid   -/-");

    zkCli("delete", services + "/hello");

    assertThat(drover.run("get", "service", "hello").exit()).isEqualTo(1);
  }
}

package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every verb fails fast and clearly when ZooKeeper cannot be reached or is not configured. */
class ZooKeeperDownTest {

  @TempDir
  Path dir;

  private String closedAddress;
  private Drover drover;

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedAddress = "127.0.0.1:" + socket.getLocalPort();
    }
    drover = new Drover(closedAddress, dir);
    Docs.write(dir.resolve("hello.yaml"), Docs.service("hello", 1));
  }

  @AfterEach
  void stop() {
    drover.close();
  }

  private static Duration timed(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void givesUpAfterTheDefaultTenSecondsWithAClearError() {
    Drover.Result[] result = new Drover.Result[1];

    Duration took = timed(() -> result[0] = drover.run("apply", "-f", "hello.yaml"));

    assertThat(result[0].exit()).isEqualTo(3);
    assertThat(result[0].out()).isEmpty();
    assertThat(result[0].err()).isEqualTo("error: cannot reach ZooKeeper at " + closedAddress
        + " within 10s: check --zk / DROVER_ZK\n");
    assertThat(took).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(15));
  }

  @Test
  void everyVerbHonoursAShorterTimeout() {
    String[][] commands = {
      {"get", "services"},
      {"describe", "service", "hello"},
      {"delete", "service", "hello"},
      {"diff", "-f", "hello.yaml"},
      {"wait", "service", "hello", "--for", "condition=Ready"},
      {"sync", "."},
    };
    for (String[] command : commands) {
      String[] args = Arrays.copyOf(command, command.length + 2);
      args[command.length] = "--zk-timeout";
      args[command.length + 1] = "1s";
      Drover.Result[] result = new Drover.Result[1];

      Duration took = timed(() -> result[0] = drover.run(args));

      assertThat(result[0].exit()).as(String.join(" ", command)).isEqualTo(3);
      assertThat(result[0].err()).isEqualTo("error: cannot reach ZooKeeper at " + closedAddress
          + " within 1s: check --zk / DROVER_ZK\n");
      assertThat(took).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void invalidDocumentsAreReportedWithoutConnecting() {
    Docs.write(dir.resolve("bad.yaml"), Docs.invalid("bad"));

    Drover.Result result = drover.run("apply", "-f", "bad.yaml");

    assertThat(result.exit()).isEqualTo(1);
  }

  @Test
  void aMissingOrMalformedAddressIsAUsageError() {
    Drover.Result missing = drover.runWithEnv(Map.of(), "", "get", "services");
    Drover.Result malformed = drover.run("get", "services", "--zk", "zk-without-port");
    Drover.Result badAuth = drover.run("get", "services", "--zk-auth", "nopassword");

    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no ZooKeeper address: pass --zk "
        + "host:port[,host:port...][/chroot] or set DROVER_ZK");
    assertThat(malformed.exit()).isEqualTo(2);
    assertThat(malformed.err()).contains("invalid ZooKeeper address 'zk-without-port'");
    assertThat(badAuth.exit()).isEqualTo(2);
    assertThat(badAuth.err()).contains("invalid ZooKeeper credentials: expected user:password");
  }
}

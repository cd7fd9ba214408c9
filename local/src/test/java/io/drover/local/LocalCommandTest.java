package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.cli.CliContext;
import io.drover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick start: {@code drover local --apply samples/hello-world.yaml} as its own process brings
 * up ZooKeeper, mesos-local and the controllers, the service gets Ready, {@code drover get services}
 * shows it, and SIGTERM (what Ctrl-C sends, as a signal) stops every process it started.
 */
class LocalCommandTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void theQuickStartRunsHelloWorldAndStopsEverythingItStarted() throws Exception {
    Path sample = Path.of("..", "samples", "hello-world.yaml").toAbsolutePath().normalize();
    try (ChildProcess local = ChildProcess.drover(dir.resolve("local.err"), "local", "--apply", sample.toString(),
        "--replicas", "2", "--zk-port", "0", "--mesos-port", "0", "--http-port", "0", "--work-dir", dir.resolve("work").toString())) {
      String zk = local.awaitLine("ZooKeeper\\s+(127\\.0\\.0\\.1:\\d+)", WAIT);
      local.awaitLine("(service/hello-world is Ready)", WAIT);
      assertThat(local.output()).anyMatch(l -> l.matches("\\s+Controller\\s+http://127\\.0\\.0\\.1:\\d+\\s+leader"))
          .anyMatch(l -> l.matches("\\s+Controller\\s+http://127\\.0\\.0\\.1:\\d+\\s+standby"))
          .anyMatch(l -> l.contains("a task with a container image fails to launch (mesos-local cannot run images)"))
          .anyMatch(l -> l.contains("export DROVER_ZK=" + zk))
          .anyMatch(l -> l.contains("org.apache.zookeeper.ZooKeeperMain -server " + zk));

      StringWriter out = new StringWriter();
      CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
          System.in, Map.of("DROVER_ZK", zk), false, Clock.systemUTC(), dir);
      assertThat(Main.run(context, "get", "services")).isZero();
      assertThat(out.toString()).containsPattern("hello-world\\s+0\\s+0\\s+Running\\s+1/1");

      assertThat(local.output()).anyMatch(l -> l.contains("./drover restart pod web web-0 --wait"));

      List<ProcessHandle> started = local.handle().descendants().toList();
      assertThat(started).isNotEmpty();
      assertThat(local.stop()).isEqualTo(143);
      await().atMost(Duration.ofSeconds(30)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
    }
    assertThat(Files.readString(dir.resolve("local.err"))).as("no stack trace on the console").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--zk-port", "--mesos-port", "--http-port"})
  void aTakenPortIsNamedWithTheFlagThatMovesItAndItsStackTraceGoesToTheLog(String flag) throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(busy.getLocalPort());
      List<String> args = new ArrayList<>(List.of("local", "--zk-port", "0", "--mesos-port", "0", "--http-port", "0",
          "--work-dir", dir.resolve("work").toString()));
      args.set(args.indexOf(flag) + 1, port);
      Path err = dir.resolve("local.err");
      try (ChildProcess local = ChildProcess.drover(err, args.toArray(String[]::new))) {
        assertThat(local.awaitExit(WAIT)).isEqualTo(3);
      }
      List<String> console = Files.readAllLines(err);
      assertThat(console).as("one line naming the port and the flag").hasSize(1);
      assertThat(console.get(0)).startsWith("error: ").contains("127.0.0.1:" + port).containsPattern("pick another (port )?with " + flag);
      assertThat(Files.readString(dir.resolve("work").resolve("drover.log"))).contains("drover local stopped")
          .contains("\tat ");
    }
  }
}

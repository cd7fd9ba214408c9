package io.drover.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.cli.CliContext;
import io.drover.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code drover logs} through the real CLI against a running stack (ZooKeeper, a Mesos master and
 * agent, a controller): a service whose task prints two lines and an error line, then waits for a
 * file {@code go} in its sandbox, prints a third line and finishes. The same checks run on mesos-local
 * ({@code LogsEndToEndTest}) and on a real Mesos ({@code LogsRealMesosTest}).
 */
final class LogsChecks {

  static final Duration WAIT = Duration.ofSeconds(90);
  static final String SERVICE = """
      apiVersion: drover.io/v1
      kind: Service
      metadata:
        name: chatty
      spec:
        pods:
          talk:
            tasks:
              out:
                goal: FINISH
                cmd: 'echo line1; echo line2; echo err1 >&2; while [ ! -f "$MESOS_SANDBOX/go" ]; do sleep 0.1; done; echo line3'
                cpus: 0.1
                memory: 32
      """;

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {}

  private final Map<String, String> env;
  private final Path dir;
  private final Path sandboxes;

  /**
   * @param zk the stack's ZooKeeper
   * @param master the Mesos master's URL
   * @param dir a scratch directory
   * @param sandboxes a directory the agents' sandboxes are under
   */
  LogsChecks(String zk, String master, Path dir, Path sandboxes) {
    this.env = Map.of("DROVER_ZK", zk, "DROVER_MASTER", master);
    this.dir = dir;
    this.sandboxes = sandboxes;
  }

  Result drover(String... args) {
    return drover(env, new StringWriter(), args);
  }

  private Result drover(Map<String, String> environment, StringWriter out, String... args) {
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), System.in,
        environment, false, Clock.systemUTC(), dir);
    int exit = Main.run(context, args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** A running task's output, its tail, its stderr, -f seeing a new line and the end, then the finished task's. */
  void runningFollowedAndFinished() throws Exception {
    Path doc = Files.writeString(dir.resolve("chatty.yaml"), SERVICE);
    assertThat(drover("apply", "-f", doc.toString()).exit()).isZero();

    Result running = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
        .until(() -> drover("logs", "service/chatty"), r -> r.exit() == 0 && r.out().equals("line1\nline2\n"));
    assertThat(running.err()).isEmpty();
    assertThat(drover("logs", "service/chatty", "--tail", "1").out()).isEqualTo("line2\n");
    assertThat(drover("logs", "service", "chatty", "--pod", "talk-0", "--task", "out", "--stderr", "--tail", "1").out())
        .isEqualTo("err1\n");

    StringWriter followed = new StringWriter();
    CompletableFuture<Result> follow = CompletableFuture.supplyAsync(
        () -> drover(env, followed, "logs", "service/chatty", "-f"));
    await().atMost(WAIT).until(() -> followed.toString().equals("line1\nline2\n"));
    Files.createFile(sandbox().resolve("go"));
    Result end = follow.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(end.exit()).as(end.err()).isZero();
    assertThat(end.out()).isEqualTo("line1\nline2\nline3\n");

    Result finished = await().atMost(WAIT).until(() -> drover("logs", "service/chatty"),
        r -> r.exit() == 0 && r.out().equals("line1\nline2\nline3\n"));
    assertThat(finished.err()).isEmpty();
    assertThat(drover("logs", "service/chatty", "--tail", "2").out()).isEqualTo("line2\nline3\n");
  }

  /** What the user is told, and the exit code, when the logs cannot be shown. */
  void errors() {
    Result missing = drover("logs", "service/nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("service/nope not found");

    Result noPod = drover("logs", "service/chatty", "--pod", "talk-9");
    assertThat(noPod.exit()).isEqualTo(1);
    assertThat(noPod.err()).contains("service/chatty has no task in pod talk-9; its tasks are talk-0-out");

    Map<String, String> noMaster = new HashMap<>(env);
    noMaster.remove("DROVER_MASTER");
    Result usage = drover(noMaster, new StringWriter(), "logs", "service/chatty");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("no Mesos master: pass --master");

    Result unreachable = drover("logs", "service/chatty", "--master", "http://127.0.0.1:1");
    assertThat(unreachable.exit()).isEqualTo(3);
    assertThat(unreachable.err()).contains("cannot reach the Mesos master at http://127.0.0.1:1");
  }

  /** The task's sandbox: the directory below {@code sandboxes} with its {@code stdout}, under its executor's run. */
  private Path sandbox() throws IOException {
    try (Stream<Path> files = Files.walk(sandboxes)) {
      return files.filter(p -> p.getFileName().toString().equals("stdout")
              && p.toString().contains("/executors/chatty__talk-0-out"))
          .map(Path::getParent).findFirst()
          .orElseThrow(() -> new UncheckedIOException(new IOException("no sandbox of talk-0-out under " + sandboxes)));
    }
  }
}

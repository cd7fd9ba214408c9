package io.drover.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.data.Stat;

/**
 * Runs the {@code drover} CLI in-process against a test's ZooKeeper, with its own root (so tests
 * never see each other's services), captured output and a client for checking nodes directly.
 */
final class Drover implements AutoCloseable {

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {}

  private final String connectString;
  private final String root;
  private final Path workDir;
  private CuratorFramework client;
  private Clock clock = Clock.systemUTC();
  private boolean interactive;

  Drover(String connectString, Path workDir) {
    this.connectString = connectString;
    this.root = "/t-" + UUID.randomUUID();
    this.workDir = workDir;
  }

  Drover clock(Clock newClock) {
    this.clock = newClock;
    return this;
  }

  Drover interactive(boolean value) {
    this.interactive = value;
    return this;
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  /** Runs with {@code stdin} as standard input and DROVER_ZK / DROVER_ROOT set in the environment. */
  Result runWithInput(String stdin, String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DROVER_ZK", connectString);
    env.put("DROVER_ROOT", root);
    return runWithEnv(env, stdin, args);
  }

  Result runWithEnv(Map<String, String> env, String stdin, String... args) {
    return new Running(env, stdin, args).call();
  }

  /** Starts a run in the background; its output can be watched while it runs. */
  Running start(String... args) {
    Map<String, String> env = new HashMap<>();
    env.put("DROVER_ZK", connectString);
    env.put("DROVER_ROOT", root);
    Running running = new Running(env, "", args);
    running.future = CompletableFuture.supplyAsync(running::call);
    return running;
  }

  /** One run of the CLI, whose output (thread-safe writers) can be read while it runs. */
  final class Running {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CliContext context;
    private final String[] args;
    private CompletableFuture<Result> future;

    private Running(Map<String, String> env, String stdin, String[] args) {
      this.context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
          new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, interactive,
          clock, workDir);
      this.args = args;
    }

    private Result call() {
      int exit = Main.run(context, args);
      return new Result(exit, out.toString(), err.toString());
    }

    String err() {
      return err.toString();
    }

    CompletableFuture<Result> future() {
      return future;
    }
  }

  String root() {
    return root;
  }

  /** The ZooKeeper the commands connect to. */
  String connectString() {
    return connectString;
  }

  String servicePath(String name) {
    return root + "/services/" + name;
  }

  String statusPath(String name) {
    return root + "/status/" + name;
  }

  /** A client of the test's own, for setting up and checking nodes; started on first use. */
  synchronized CuratorFramework client() {
    if (client == null) {
      client = CuratorFrameworkFactory.newClient(connectString, 10_000, 10_000,
          new RetryOneTime(100));
      client.start();
    }
    return client;
  }

  /** The stored text of a service's document, or null when it has none. */
  String stored(String name) throws Exception {
    if (client().checkExists().forPath(servicePath(name)) == null) {
      return null;
    }
    return new String(client().getData().forPath(servicePath(name)), StandardCharsets.UTF_8);
  }

  /** The node version (generation) of a service's document, or -1 when it has none. */
  int version(String name) throws Exception {
    Stat stat = client().checkExists().forPath(servicePath(name));
    return stat == null ? -1 : stat.getVersion();
  }

  /** Writes a status node as the controller would. */
  void writeStatus(String name, String json) throws Exception {
    byte[] data = json.getBytes(StandardCharsets.UTF_8);
    if (client().checkExists().forPath(statusPath(name)) == null) {
      client().create().creatingParentsIfNeeded().forPath(statusPath(name), data);
    } else {
      client().setData().forPath(statusPath(name), data);
    }
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}

package io.drover.local;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.cli.CliContext;
import io.drover.cli.ExitCodes;
import io.drover.cli.Main;
import io.drover.cli.ProcessLogging;
import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusStore;
import io.drover.controller.store.ZkClients;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.MesosLocal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover local}: an embedded ZooKeeper, mesos-local running tasks as local processes and N
 * controller replicas, all in this process and on 127.0.0.1, with the same code as production.
 * Prints the endpoints and what to try next; Ctrl-C stops everything it started, tasks included.
 */
@Command(
    name = "local",
    description = {
      "Run Drover on this machine: an embedded ZooKeeper, a mesos-local cluster whose agents run "
          + "tasks as local processes, and controller replicas. Prints the endpoints and the "
          + "commands to try next. Ctrl-C stops everything it started, tasks included.",
      "Documents stay in the work directory's ZooKeeper data across runs."
    },
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
      "1:an --apply document is invalid",
      ExitCodes.USAGE_LINE,
      "3:operational error (a port is taken, the work directory is not writable)",
      "130, 143:stopped by Ctrl-C or SIGTERM, everything it started stopped (as any JVM)"
    })
final class LocalCommand implements Callable<Integer> {
  private static final Duration READY_WAIT = Duration.ofSeconds(90);

  private final CliContext context;

  @Option(names = "--agents", paramLabel = "N", defaultValue = "2", description = "mesos-local agents (default: ${DEFAULT-VALUE}).")
  private int agents;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
      description = "Controller replicas; one leads, the others stand by (default: ${DEFAULT-VALUE}).")
  private int replicas;

  @Option(names = "--apply", paramLabel = "PATH", arity = "1..*",
      description = "Documents to apply once everything is up (files, directories), then wait until they are Ready.")
  private List<String> apply;

  @Option(names = "--zk-port", paramLabel = "PORT", defaultValue = "2181", description = "ZooKeeper port (default: ${DEFAULT-VALUE}).")
  private int zkPort;

  @Option(names = "--mesos-port", paramLabel = "PORT", defaultValue = "5050", description = "Mesos master port (default: ${DEFAULT-VALUE}).")
  private int mesosPort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
      description = "HTTP API port of the first replica; the next ones use the following ports (default: ${DEFAULT-VALUE}).")
  private int httpPort;

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".drover-local",
      description = "ZooKeeper data, task sandboxes and the log (default: ${DEFAULT-VALUE}).")
  private String workDir;

  LocalCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (agents < 1 || replicas < 1) {
      context.err().println("error: --agents and --replicas must be at least 1");
      return ExitCodes.USAGE;
    }
    Path dir = context.resolve(workDir);
    ProcessLogging.configure(context.env(), dir.resolve("drover.log"));
    Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();
    Thread hook = new Thread(() -> stopAll(started), "drover-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), zkPort);
      started.push(zk);
      MesosLocal mesos = startMesos(dir.resolve("mesos"));
      started.push(mesos);
      List<Controller> controllers = new ArrayList<>();
      for (int i = 0; i < replicas; i++) {
        Controller c = Controller.start(config(zk, i), runtimes(mesos.url()));
        started.push(c);
        controllers.add(c);
      }
      awaitLeader(context.clock(), controllers);
      int applied = applyDocuments(context, zk);
      if (applied != ExitCodes.OK) {
        return applied;
      }
      printEndpoints(context, zk, mesos, controllers, dir);
      awaitReady(context, zk);
      context.out().println();
      context.out().println("Press Ctrl-C to stop everything (controllers, mesos-local and its tasks, ZooKeeper).");
      context.out().flush();
      new CountDownLatch(1).await();
      return ExitCodes.OK;
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      stopAll(started);
      throw e;
    }
  }

  private MesosLocal startMesos(Path dir) throws IOException {
    try {
      return MesosLocal.builder().agents(agents).port(mesosPort).workDir(dir).start();
    } catch (RuntimeException e) {
      throw new IOException("cannot start mesos-local on 127.0.0.1:" + mesosPort + " (" + e.getMessage()
          + "); pick another port with --mesos-port", e);
    }
  }

  private ControllerConfig config(EmbeddedZooKeeper zk, int index) {
    int port = httpPort == 0 ? 0 : httpPort + index;
    return ControllerConfig.of(ZkSettings.of(zk.connectString()), "local-" + index, port, "127.0.0.1")
        .withHttpHost("127.0.0.1");
  }

  private static SchedulerRuntimeFactory runtimes(String master) {
    return SchedulerRuntimeFactory.mesos(master, FrameworkConfig.named("drover"), SchedulerSettings.defaults(""), ZkSettings.DEFAULT_ROOT);
  }

  private static void awaitLeader(Clock clock, List<Controller> controllers) throws InterruptedException {
    Instant deadline = clock.instant().plus(READY_WAIT);
    while (controllers.stream().noneMatch(c -> c.runtime().map(r -> r.subscribed()).orElse(false))) {
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException("no controller replica led and subscribed to mesos-local within "
            + READY_WAIT.toSeconds() + "s; see the log");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Applies with the real {@code drover apply}, against the embedded ZooKeeper. */
  private int applyDocuments(CliContext context, EmbeddedZooKeeper zk) {
    if (apply == null || apply.isEmpty()) {
      return ExitCodes.OK;
    }
    CliContext applyContext = context.withZooKeeper(zk.connectString(), ZkSettings.DEFAULT_ROOT);
    List<String> args = new ArrayList<>(List.of("apply", "-f"));
    args.addAll(apply);
    return Main.run(applyContext, args.toArray(String[]::new));
  }

  /** Waits (bounded) until every service is Ready, printing each as it gets there. */
  private void awaitReady(CliContext context, EmbeddedZooKeeper zk) throws Exception {
    if (apply == null || apply.isEmpty()) {
      return;
    }
    try (CuratorFramework client = ZkClients.connect(ZkSettings.of(zk.connectString()))) {
      StatusStore statuses = StatusStore.create(client, ZkSettings.of(zk.connectString()).paths());
      List<String> names = client.getChildren().forPath(ZkSettings.of(zk.connectString()).paths().services());
      Instant deadline = context.clock().instant().plus(READY_WAIT);
      List<String> waiting = new ArrayList<>(names);
      while (!waiting.isEmpty() && context.clock().instant().isBefore(deadline)) {
        for (String name : List.copyOf(waiting)) {
          Optional<ServiceStatus> st = statuses.read(name).map(StatusDocument::status);
          Condition ready = st.map(s -> s.condition(Condition.READY)).orElse(null);
          if (ready != null && ready.isTrue()) {
            context.out().println("service/" + name + " is Ready: " + ready.message());
            context.out().flush();
            waiting.remove(name);
          }
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      for (String name : waiting) {
        context.out().println("service/" + name + " is not Ready yet: ./drover describe service " + name);
      }
    }
  }

  private void printEndpoints(CliContext context, EmbeddedZooKeeper zk, MesosLocal mesos, List<Controller> controllers, Path dir) {
    var out = context.out();
    String first = controllers.get(0).self().httpAddress();
    out.println();
    out.println("Drover is running on this machine:");
    out.printf("  ZooKeeper     %-28s documents under /drover/services%n", zk.connectString());
    out.printf("  Mesos master  %-28s %d agent(s); state at %s/state%n", mesos.url(), agents, mesos.url());
    for (Controller c : controllers) {
      out.printf("  Controller    %-28s %s%n", "http://" + c.self().httpAddress(), c.leading() ? "leader" : "standby");
    }
    out.printf("  Log           %s%n", dir.resolve("drover.log"));
    out.println();
    out.println("Try, in another terminal:");
    out.println("  export DROVER_ZK=" + zk.connectString());
    out.println("  ./drover get services");
    out.println("  ./drover apply -f samples/web.yaml");
    out.println("  ./drover wait service web --for condition=Ready --timeout 60s");
    out.println("  ./drover describe service web");
    out.println("  ./drover delete service web --wait");
    out.println("  curl -s http://" + first + "/v1/services");
    out.println("  curl -s http://" + first + "/v1/leader");
    out.println("  java -cp cli/target/drover.jar org.apache.zookeeper.ZooKeeperMain -server " + zk.connectString()
        + " ls /drover/services");
    out.println();
    out.flush();
  }

  /** Stops in reverse order of start: replicas (handing over), mesos-local (killing tasks), ZooKeeper. */
  private static void stopAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        System.err.println("drover local: stopping failed: " + e.getMessage());
      }
    }
  }
}

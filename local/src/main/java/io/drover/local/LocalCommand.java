package io.drover.local;

import io.drover.api.status.Condition;
import io.drover.api.status.ServiceStatus;
import io.drover.cli.CliContext;
import io.drover.cli.ExitCodes;
import io.drover.cli.Main;
import io.drover.cli.ProcessLogging;
import io.drover.controller.app.Controller;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.ZkSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(LocalCommand.class);
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
    Path log = dir.resolve("drover.log");
    ProcessLogging.configure(context.env(), log);
    try {
      return run(dir);
    } catch (IOException e) {
      // A port taken, a directory not writable: the message names it and the flag that helps.
      LOG.info("drover local stopped", e);
      context.err().println("error: " + e.getMessage());
      return ExitCodes.OPERATIONAL;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.info("drover local stopped", e);
      context.err().println("error: drover local failed: " + e + "; the stack trace is in " + log);
      return ExitCodes.OPERATIONAL;
    }
  }

  /** Starts the cluster, applies, prints the endpoints and waits for Ctrl-C. */
  private int run(Path dir) throws Exception {
    LocalCluster cluster = LocalCluster.builder().workDir(dir).agents(agents).replicas(replicas)
        .zooKeeperPort(zkPort).mesosPort(mesosPort).httpPort(httpPort).replicaIds("local-").start();
    Thread hook = new Thread(() -> stop(cluster), "drover-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      cluster.awaitLeader(READY_WAIT);
      int applied = applyDocuments(cluster);
      if (applied != ExitCodes.OK) {
        return applied;
      }
      printEndpoints(cluster);
      awaitReady(cluster);
      context.out().println();
      context.out().println("Press Ctrl-C to stop everything (controllers, mesos-local and its tasks, ZooKeeper).");
      context.out().flush();
      new CountDownLatch(1).await();
      return ExitCodes.OK;
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(cluster);
      throw e;
    }
  }

  /** Applies with the real {@code drover apply}, against the cluster's ZooKeeper. */
  private int applyDocuments(LocalCluster cluster) {
    if (apply == null || apply.isEmpty()) {
      return ExitCodes.OK;
    }
    CliContext applyContext = context.withZooKeeper(cluster.zkConnectString(), ZkSettings.DEFAULT_ROOT);
    List<String> args = new ArrayList<>(List.of("apply", "-f"));
    args.addAll(apply);
    return Main.run(applyContext, args.toArray(String[]::new));
  }

  /** Waits (bounded) until every service is Ready, printing each as it gets there. */
  private void awaitReady(LocalCluster cluster) throws Exception {
    if (apply == null || apply.isEmpty()) {
      return;
    }
    List<String> names = cluster.user().getChildren().forPath(cluster.paths().services());
    Instant deadline = context.clock().instant().plus(READY_WAIT);
    List<String> waiting = new ArrayList<>(names);
    while (!waiting.isEmpty() && context.clock().instant().isBefore(deadline)) {
      for (String name : List.copyOf(waiting)) {
        Optional<ServiceStatus> st = cluster.statuses().read(name).map(StatusDocument::status);
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

  private void printEndpoints(LocalCluster cluster) {
    var out = context.out();
    List<Controller> controllers = cluster.replicas();
    String first = controllers.get(0).self().httpAddress();
    String zk = cluster.zkConnectString();
    String mesos = cluster.mesos().url();
    out.println();
    out.println("Drover is running on this machine:");
    out.printf("  ZooKeeper     %-28s documents under /drover/services%n", zk);
    out.printf("  Mesos master  %-28s %d agent(s); state at %s/state%n", mesos, agents, mesos);
    for (Controller c : controllers) {
      out.printf("  Controller    %-28s %s%n", "http://" + c.self().httpAddress(), c.leading() ? "leader" : "standby");
    }
    out.printf("  Log           %s%n", cluster.workDir().resolve("drover.log"));
    out.println("  Tasks run as processes on this machine: artifacts (uris), config files and secrets work;");
    out.println("  a task with a container image fails to launch (mesos-local cannot run images).");
    out.println();
    out.println("Try, in another terminal:");
    out.println("  export DROVER_ZK=" + zk + " DROVER_MASTER=" + mesos);
    out.println("  ./drover get services");
    out.println("  ./drover apply -f samples/web.yaml");
    out.println("  ./drover wait service web --for condition=Ready --timeout 60s");
    out.println("  ./drover describe service web");
    out.println("  ./drover restart pod web web-0 --wait");
    out.println("  ./drover logs service/web --pod web-0 --tail 20 -f");
    out.println("  ./drover delete service web --wait");
    out.println("  curl -s http://" + first + "/v1/services");
    out.println("  curl -s http://" + first + "/v1/leader");
    out.println("  java -cp cli/target/drover.jar org.apache.zookeeper.ZooKeeperMain -server " + zk
        + " ls /drover/services");
    out.println();
    out.flush();
  }

  /** Stops the replicas (handing over), mesos-local (killing tasks) and ZooKeeper. */
  private static void stop(LocalCluster cluster) {
    try {
      cluster.close();
    } catch (RuntimeException e) {
      System.err.println("drover local: stopping failed: " + e.getMessage());
    }
  }
}

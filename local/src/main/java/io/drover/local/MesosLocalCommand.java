package io.drover.local;

import io.drover.mesoslocal.MesosLocal;
import io.drover.mesoslocal.MesosLocalBuilder;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover mesos-local}: a Mesos-compatible master with local agents that run tasks as real
 * processes, until Ctrl-C. A shutdown hook stops it, which kills every process it started.
 */
@Command(
    name = "mesos-local",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Mesos-compatible master and agents in this process, speaking the Mesos v1 scheduler HTTP API"
          + " and running tasks as local processes, until Ctrl-C.",
      "Point a scheduler (or 'drover controller --master') at the URL it prints."
    })
final class MesosLocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "5050", description = "HTTP port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--agents", defaultValue = "1", description = "Number of agents (default: ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--agent-resources", defaultValue = MesosLocalBuilder.DEFAULT_RESOURCES,
      description = "Resources of each agent (default: ${DEFAULT-VALUE}).")
  String agentResources;

  @Option(names = "--work-dir", description = "Where sandboxes and persistent volumes go (default: a temp dir removed on exit).")
  Path workDir;

  @Option(names = "--zk", description = "Register the master in ZooKeeper, e.g. zk://127.0.0.1:2181/mesos.")
  String zk;

  @Option(names = "--no-process", description = "Tasks only pretend to run (for scale tests).")
  boolean noProcess;

  @Option(names = "--heartbeat-seconds", defaultValue = "15", description = "Interval of HEARTBEAT events (default: ${DEFAULT-VALUE}).")
  double heartbeatSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    MesosLocal cluster;
    try {
      cluster = start();
    } catch (IllegalArgumentException e) {
      err.println("drover mesos-local: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException | IllegalStateException e) {
      err.println("drover mesos-local: " + e.getMessage() + (port != 0 ? "; is --port " + port + " free?" : ""));
      return 3;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      stopped.countDown();
    }, "mesos-local-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("mesos-local master at " + cluster.url() + " with " + agents + " agent(s)"
        + (noProcess ? " (no-process mode)" : "") + "; Ctrl-C stops it and every task it started.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** Starts the cluster these options describe. */
  MesosLocal start() {
    if (!(heartbeatSeconds > 0)) {
      throw new IllegalArgumentException("--heartbeat-seconds must be positive, got " + heartbeatSeconds);
    }
    MesosLocalBuilder builder = MesosLocal.builder()
        .port(port)
        .agents(agents)
        .agentResources(agentResources)
        .noProcess(noProcess)
        .heartbeatInterval(Duration.ofMillis((long) (heartbeatSeconds * 1000)))
        .workDir(workDir);
    if (zk != null) {
      builder.zk(zk);
    }
    return builder.start();
  }
}

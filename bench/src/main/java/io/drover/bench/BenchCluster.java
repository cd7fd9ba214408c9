package io.drover.bench;

import io.drover.controller.app.Controller;
import io.drover.controller.app.ControllerConfig;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.scheduler.ServiceState;
import io.drover.controller.store.StorePaths;
import io.drover.controller.store.ZkSettings;
import io.drover.local.Deadline;
import io.drover.local.EmbeddedZooKeeper;
import io.drover.local.Poll;
import io.drover.mesoslocal.MesosLocal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;

/**
 * A Drover installation for one scenario, all in this JVM and on 127.0.0.1: the benchmark's
 * ZooKeeper, mesos-local with no-process agents (tasks reach TASK_RUNNING at once and use no
 * process, so thousands fit on one machine), and controller replicas wired exactly as
 * {@code drover local} and {@code drover controller} wire them, with production timings. Only the
 * scheduler is observed ({@link ObservedRuntimes}). Closing stops everything it started.
 */
final class BenchCluster implements AutoCloseable {
  static final String AGENT_RESOURCES = "cpus:4;mem:4096;disk:10240;ports:[31000-32000]";
  static final String ZOOKEEPER =
      "ZooKeeper's embedded server in this JVM, as drover local runs it (tickTime 500 ms, fsync on)";
  private static final Duration POLL = Duration.ofMillis(20);

  private final EmbeddedZooKeeper zk;
  private final MesosLocal mesos;
  private final CuratorFramework user;
  private final List<Controller> controllers = new ArrayList<>();

  private BenchCluster(EmbeddedZooKeeper zk, MesosLocal mesos, CuratorFramework user) {
    this.zk = zk;
    this.mesos = mesos;
    this.user = user;
  }

  /** Starts ZooKeeper (data under {@code dir}) and mesos-local with {@code agents} agents. */
  static BenchCluster start(Path dir, int agents) throws Exception {
    EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(dir.resolve("zookeeper"), 0);
    MesosLocal mesos = null;
    try {
      mesos =
          MesosLocal.builder()
              .agents(agents)
              .agentResources(AGENT_RESOURCES)
              .noProcess(true)
              .workDir(dir.resolve("mesos"))
              .start();
      return new BenchCluster(zk, mesos, BenchClients.connect(zk.connectString()));
    } catch (Exception | Error e) {
      if (mesos != null) {
        mesos.close();
      }
      zk.close();
      throw e;
    }
  }

  String zkConnectString() {
    return zk.connectString();
  }

  MesosLocal mesos() {
    return mesos;
  }

  /** A client of the benchmark's own, as a user's CLI would have. */
  CuratorFramework user() {
    return user;
  }

  StorePaths paths() {
    return new StorePaths(ZkSettings.DEFAULT_ROOT);
  }

  /** Starts a replica in this JVM; it joins the election at once. */
  Controller startController(String id, PutListener puts) throws Exception {
    ControllerConfig config =
        ControllerConfig.of(ZkSettings.of(zk.connectString()), id, 0, "127.0.0.1")
            .withHttpHost("127.0.0.1");
    SchedulerRuntimeFactory runtimes =
        SchedulerRuntimeFactory.mesos(
            mesos.url(),
            FrameworkConfig.named("drover"),
            SchedulerSettings.defaults(""),
            ZkSettings.DEFAULT_ROOT);
    Controller c = Controller.start(config, new ObservedRuntimes(runtimes, puts));
    controllers.add(c);
    return c;
  }

  /** Shuts a replica down gracefully (it hands leadership over). */
  void stop(Controller c) {
    controllers.remove(c);
    c.close();
  }

  /** Waits until {@code c} leads with its scheduler subscribed to Mesos. */
  void awaitSubscribed(Controller c, Deadline deadline) throws Exception {
    Poll.until(
        () -> c.leading() && c.runtime().map(r -> r.subscribed()).orElse(false),
        POLL,
        deadline,
        "the controller to lead and subscribe to mesos-local");
  }

  /** How many services the leader's scheduler has with every task running. */
  static long running(Controller c) {
    Map<String, ServiceState> services =
        c.runtime().map(r -> r.manager().services()).orElse(Map.of());
    return services.values().stream()
        .filter(s -> s.lifecycle() == ServiceState.Lifecycle.RUNNING)
        .count();
  }

  /** The scheduler's services, while {@code c} leads. */
  static Optional<Map<String, ServiceState>> services(Controller c) {
    return c.runtime().map(r -> r.manager().services());
  }

  @Override
  public void close() {
    for (int i = controllers.size() - 1; i >= 0; i--) {
      controllers.get(i).close();
    }
    controllers.clear();
    user.close();
    mesos.close();
    zk.close();
  }
}

package io.drover.bench;

import io.drover.controller.app.Controller;
import io.drover.local.LocalCluster;
import io.drover.mesoslocal.MesosLocalBuilder;
import io.drover.reconcile.service.ObservedService;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's Drover installation for one scenario: a {@link LocalCluster} with production
 * settings, its ZooKeeper embedded and mesos-local's no-process agents (tasks reach TASK_RUNNING at
 * once and use no process, so thousands fit on one machine), and no replica until the scenario
 * starts its own. Plus what the scenarios read from a replica's scheduler.
 */
final class BenchCluster {
  static final String AGENT_RESOURCES = MesosLocalBuilder.DEFAULT_RESOURCES;
  static final String ZOOKEEPER =
      "ZooKeeper's embedded server in this JVM, as drover local runs it (tickTime 500 ms, fsync on)";

  private BenchCluster() {}

  /** A cluster with data under {@code dir} and {@code agents} agents, ready to start. */
  static LocalCluster.Builder builder(Path dir, int agents) {
    return LocalCluster.builder().workDir(dir).agents(agents).noProcess(true).replicas(0).replicaIds("bench-");
  }

  /** How many services the leader's scheduler has with every task running. */
  static long running(Controller c) {
    return services(c).orElse(Map.of()).values().stream()
        .filter(s -> s.lifecycle() == ObservedService.Lifecycle.RUNNING)
        .count();
  }

  /** One service as the leader's scheduler has it, without building the whole snapshot. */
  static Optional<ObservedService> service(Controller c, String name) {
    return c.runtime().map(r -> r.manager().service(name));
  }

  /** The scheduler's services, while {@code c} leads. */
  static Optional<Map<String, ObservedService>> services(Controller c) {
    return c.runtime().map(r -> r.manager().services());
  }
}

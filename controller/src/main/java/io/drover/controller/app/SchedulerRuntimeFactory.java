package io.drover.controller.app;

import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.SchedulerClientBuilder;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.ControllerWrites;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Starts a {@link SchedulerRuntime} for a new leadership term. */
@FunctionalInterface
public interface SchedulerRuntimeFactory {

  /**
   * Recovers the ServiceStore and starts subscribing to Mesos; returns once the services are
   * recovered (the subscription comes up in the background).
   *
   * @param writes the term's fenced writes, for every ZooKeeper write the scheduler makes
   * @param metrics where the scheduler and the Mesos client register their meters
   */
  SchedulerRuntime start(ControllerWrites writes, MeterRegistry metrics) throws Exception;

  /** The Mesos master URL the runtimes subscribe to, for reading tasks' sandboxes; empty when not Mesos's. */
  default Optional<String> mesosMaster() {
    return Optional.empty();
  }

  /**
   * The production runtime: the multi-service scheduler with its ServiceStore under {@code root},
   * subscribed to Mesos with the v1 HTTP client.
   *
   * @param master {@code http://host:port[,host:port...]} or {@code zk://host:port[,...]/path}
   */
  static SchedulerRuntimeFactory mesos(String master, FrameworkConfig framework, SchedulerSettings scheduler, String root) {
    return mesos(master, framework, scheduler, root, UnaryOperator.identity());
  }

  /** {@link #mesos(String, FrameworkConfig, SchedulerSettings, String)} with the Mesos client's timings tuned. */
  static SchedulerRuntimeFactory mesos(
      String master,
      FrameworkConfig framework,
      SchedulerSettings scheduler,
      String root,
      UnaryOperator<SchedulerClientBuilder> clientTuning) {
    return MesosSchedulerRuntime.factory(new MesosSchedulerRuntime.Settings(master, framework, scheduler, root, clientTuning));
  }
}

package io.drover.controller.app;

import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.SchedulerClientBuilder;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.ControllerWrites;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Starts a {@link SchedulerRuntime} for a new leadership term. */
@FunctionalInterface
public interface SchedulerRuntimeFactory {

  /**
   * The named secrets' values, for the launches: the replica's own watched cache, which outlives
   * the terms, so a new term neither loads the secrets again nor waits for them before recovering.
   *
   * @param values the current value of a secret, empty when there is none
   * @param loaded completes once every secret stored at the start has been loaded
   */
  record Secrets(Function<String, Optional<byte[]>> values, CompletionStage<Void> loaded) {}

  /**
   * Recovers the ServiceStore and starts subscribing to Mesos; returns once the services are
   * recovered (the subscription comes up in the background, once the secrets are loaded).
   *
   * @param writes the term's fenced writes, for every ZooKeeper write the scheduler makes
   * @param metrics where the scheduler and the Mesos client register their meters
   * @param secrets the values launches carry
   */
  SchedulerRuntime start(ControllerWrites writes, MeterRegistry metrics, Secrets secrets) throws Exception;

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

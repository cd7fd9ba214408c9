package io.drover.controller.app;

import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.SchedulerClientBuilder;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.ControllerWrites;
import io.drover.reconcile.state.Target;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Starts a {@link SchedulerRuntime} for a new leadership term. */
@FunctionalInterface
public interface SchedulerRuntimeFactory {

  /**
   * What a term's runtime takes from the replica's watched caches, which outlive the terms: a new
   * term neither loads the secrets again nor waits for them before recovering, and does not
   * validate again a stored spec the desired cache has validated.
   *
   * @param secretValues the current value of a secret, empty when there is none
   * @param secretsLoaded completes once every secret stored at the start has been loaded
   * @param desiredTargets the target a service's valid desired document makes, with the canonical form
   *     it was loaded with, while the cache has one
   * @param desiredLoaded completes once every desired document stored at the start has been loaded
   */
  record Caches(Function<String, Optional<byte[]>> secretValues, CompletionStage<Void> secretsLoaded,
      Function<String, Optional<Target>> desiredTargets, CompletionStage<Void> desiredLoaded) {}

  /**
   * Recovers the ServiceStore and starts subscribing to Mesos; returns once the services are
   * recovered (the subscription comes up in the background, once the secrets are loaded).
   *
   * @param writes the term's fenced writes, for every ZooKeeper write the scheduler makes
   * @param metrics where the scheduler and the Mesos client register their meters
   * @param caches the replica's secrets and desired documents
   */
  SchedulerRuntime start(ControllerWrites writes, MeterRegistry metrics, Caches caches) throws Exception;

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

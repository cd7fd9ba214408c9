package io.drover.controller.app;

import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.SchedulerClientBuilder;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.ControllerWrites;
import io.drover.reconcile.state.Target;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
   * @param desiredLoaded completes once the desired cache has read the named service's document, or
   *     every document stored at the start, whichever comes first
   */
  record Caches(Function<String, Optional<byte[]>> secretValues, CompletionStage<Void> secretsLoaded,
      Function<String, Optional<Target>> desiredTargets, Function<String, CompletionStage<Void>> desiredLoaded) {
    private static final Logger LOG = LoggerFactory.getLogger(Caches.class);

    /**
     * The targets a term's recovery may take a stored spec for, each once the desired cache has read
     * that service's document: the recovery runs while the cache loads, yet validates again no stored
     * spec the cache is about to validate (docs/performance.md, recovery-scale, eighth round). From
     * {@code wait} after this call on it waits no more, and the recovery validates what it must.
     */
    Function<String, Optional<Target>> knownTargets(Duration wait) {
      long deadline = System.nanoTime() + wait.toNanos();
      AtomicBoolean late = new AtomicBoolean();
      return name -> {
        try {
          desiredLoaded.apply(name).toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
          if (late.compareAndSet(false, true)) {
            LOG.info("the desired documents are not loaded after {}s; recovering without them", wait.toSeconds());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return desiredTargets.apply(name);
      };
    }
  }

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

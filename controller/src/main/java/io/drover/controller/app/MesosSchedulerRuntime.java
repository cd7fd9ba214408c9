package io.drover.controller.app;

import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.mesos.MesosSchedulerClient;
import io.drover.controller.mesos.SchedulerClientBuilder;
import io.drover.controller.scheduler.LaunchSecrets;
import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.MultiServiceRunner;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.scheduler.ServiceOperations;
import io.drover.controller.store.ControllerWrites;
import io.drover.controller.store.ServiceStore;
import io.drover.controller.store.ZkFrameworkIdStore;
import io.drover.controller.time.Timers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link SchedulerRuntime}: a {@link MultiServiceRunner} that recovers the
 * ServiceStore, and the Mesos v1 client that subscribes with the stored FrameworkID, both writing
 * through the term's fenced writes; the client subscribes only while those writes say this replica
 * leads. Launches go out through {@link LaunchSecrets}, with the values of the replica's cache of
 * the secrets; the client subscribes (and so gets offers to launch on) only once that cache is loaded.
 */
final class MesosSchedulerRuntime implements SchedulerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(MesosSchedulerRuntime.class);
  private static final Duration TEARDOWN_WAIT = Duration.ofSeconds(30);
  /** How long a new term waits for the secrets to load before it subscribes; the term's start fails after that. */
  private static final Duration SECRETS_WAIT = Duration.ofSeconds(10);
  /** How long a new term's recovery waits for desired documents; then it validates the stored specs it has none for. */
  private static final Duration DESIRED_WAIT = Duration.ofSeconds(10);

  /**
   * What the runtime needs besides the term's writes and meters.
   *
   * @param master {@code http://host:port[,...]} or {@code zk://host:port/path}
   * @param root Drover's ZooKeeper root
   * @param clientTuning applied to the Mesos client's builder last (timeouts, backoffs)
   */
  record Settings(
      String master,
      FrameworkConfig framework,
      SchedulerSettings scheduler,
      String root,
      UnaryOperator<SchedulerClientBuilder> clientTuning) {}

  private final ScheduledExecutorService timer;
  private final MultiServiceRunner runner;
  private final MesosSchedulerClient client;
  private final FailoverNotice failover;

  private MesosSchedulerRuntime(ScheduledExecutorService timer, MultiServiceRunner runner, MesosSchedulerClient client,
      FailoverNotice failover) {
    this.timer = timer;
    this.runner = runner;
    this.client = client;
    this.failover = failover;
  }

  /** A factory that starts one runtime per leadership term. */
  static SchedulerRuntimeFactory factory(Settings s) {
    return new SchedulerRuntimeFactory() {
      @Override
      public SchedulerRuntime start(ControllerWrites writes, MeterRegistry metrics, Caches caches) throws Exception {
        return MesosSchedulerRuntime.start(s, writes, metrics, caches);
      }

      @Override
      public Optional<String> mesosMaster() {
        return Optional.of(s.master());
      }
    };
  }

  private static SchedulerRuntime start(Settings s, ControllerWrites writes, MeterRegistry metrics,
      SchedulerRuntimeFactory.Caches caches) throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(ControllerThreads.named("drover-scheduler-timer"));
    MultiServiceRunner runner = MultiServiceRunner.builder(ServiceStore.create(writes, s.root(), caches.knownTargets(DESIRED_WAIT)), Timers.system(timer))
        .settings(s.scheduler()).build();
    FailoverNotice failover = new FailoverNotice(runner);
    MesosSchedulerClient client =
        s.clientTuning()
            .apply(
                MesosSchedulerClient.builder()
                    .master(s.master())
                    .framework(s.framework())
                    .frameworkIdStore(new ZkFrameworkIdStore(writes, s.root()))
                    .subscribeGate(writes::notLeadingBecause)
                    .knownTasks(runner)
                    .meterRegistry(metrics))
            .build(failover);
    try {
      runner.start(new LaunchSecrets(client.calls(), caches.secretValues()));
      // No offers, so no launch, before the secrets are known: a launch would go out without their values.
      caches.secretsLoaded().toCompletableFuture().get(SECRETS_WAIT.toSeconds(), TimeUnit.SECONDS);
      client.start();
    } catch (Exception | Error e) {
      client.close();
      runner.close();
      timer.shutdownNow();
      throw e;
    }
    return new MesosSchedulerRuntime(timer, runner, client, failover);
  }

  @Override
  public MultiServiceManager manager() {
    return runner;
  }

  @Override
  public ServiceOperations operations() {
    return runner;
  }

  @Override
  public boolean subscribed() {
    return client.isSubscribed();
  }

  @Override
  public CompletionStage<String> failedOver() {
    return failover.failedOver();
  }

  @Override
  public void teardownFramework() throws Exception {
    FrameworkID id = client.awaitSubscribed(TEARDOWN_WAIT).orElseThrow(() -> new IllegalStateException(
        "not subscribed to Mesos within " + TEARDOWN_WAIT.toSeconds() + "s; cannot tear the framework down (check --master)"));
    LOG.warn("tearing down framework {} on Mesos", id.getValue());
    client.calls().teardown();
    if (!client.awaitEndOf(id, TEARDOWN_WAIT)) {
      throw new IllegalStateException("Mesos did not close the subscription of framework " + id.getValue()
          + " within " + TEARDOWN_WAIT.toSeconds() + "s after TEARDOWN");
    }
  }

  @Override
  public void close() {
    client.close();
    runner.close();
    timer.shutdownNow();
  }
}

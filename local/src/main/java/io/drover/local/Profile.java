package io.drover.local;

import io.drover.controller.app.ControllerConfig;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.mesos.FrameworkConfig;
import io.drover.controller.reconcile.WorkQueueConfig;
import io.drover.controller.scheduler.SchedulerSettings;
import io.drover.controller.store.ZkSettings;
import io.drover.mesoslocal.MesosLocalBuilder;
import io.drover.reconcile.service.ServiceSchedulerSettings;
import io.drover.reconcile.state.Backoff;
import java.time.Duration;

/**
 * How a {@link LocalCluster}'s parts are tuned: as in production ({@code drover local}, {@code
 * drover bench}), or test-sized, so that end-to-end tests see deploys, retries, failovers and
 * teardowns within seconds. Both run the production code; only settings differ.
 */
public enum Profile {

  /** Production settings throughout: framework {@code drover}, Mesos's default intervals. */
  PRODUCTION {
    @Override
    Duration sessionTimeout() {
      return ZkSettings.DEFAULT_SESSION_TIMEOUT;
    }

    @Override
    ZkSettings zk(String connectString, Duration sessionTimeout) {
      return ZkSettings.of(connectString).withSessionTimeout(sessionTimeout);
    }

    @Override
    ControllerConfig tune(ControllerConfig config) {
      return config;
    }

    @Override
    SchedulerRuntimeFactory runtimes(String master, String root, Duration uninstallTimeout) {
      SchedulerSettings scheduler = SchedulerSettings.defaults("")
          .withPerService(ServiceSchedulerSettings.defaults("").withUninstallTimeout(uninstallTimeout));
      return SchedulerRuntimeFactory.mesos(master, FrameworkConfig.named("drover"), scheduler, root);
    }

    @Override
    MesosLocalBuilder tune(MesosLocalBuilder mesos) {
      return mesos;
    }
  },

  /**
   * Test-sized timings (backoffs, ticks, declines, heartbeats, a 4 s session),
   * small agents ({@code cpus:2;mem:2048;disk:4096;ports:[31000-31100]}), and framework {@code
   * drover-test} with principal {@code drover}.
   */
  TEST {
    @Override
    Duration sessionTimeout() {
      return Duration.ofSeconds(4);
    }

    @Override
    ZkSettings zk(String connectString, Duration sessionTimeout) {
      return ZkSettings.of(connectString).withSessionTimeout(sessionTimeout)
          .withConnectionTimeout(Duration.ofSeconds(3));
    }

    @Override
    ControllerConfig tune(ControllerConfig config) {
      return config.withQueue(WorkQueueConfig.defaults().withResyncPeriod(Duration.ofSeconds(30)));
    }

    @Override
    SchedulerRuntimeFactory runtimes(String master, String root, Duration uninstallTimeout) {
      SchedulerSettings scheduler = SchedulerSettings.defaults("drover")
          .withPerService(ServiceSchedulerSettings.defaults("drover")
              .withBackoff(Duration.ofMillis(300), Duration.ofSeconds(3))
              .withKillRetry(Duration.ofSeconds(3))
              .withUninstallTimeout(uninstallTimeout))
          .withTick(Duration.ofMillis(100))
          .withDeclines(Duration.ofSeconds(1), Duration.ofSeconds(5))
          .withReviveInterval(Duration.ofMillis(300));
      return SchedulerRuntimeFactory.mesos(master, FrameworkConfig.named("drover-test").withPrincipal("drover", null),
          scheduler, root,
          b -> b.implicitReconciliationInterval(Duration.ofSeconds(5))
              .requestTimeout(Duration.ofSeconds(5))
              .reconnectBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
              .reconciliationBackoff(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1))));
    }

    @Override
    MesosLocalBuilder tune(MesosLocalBuilder mesos) {
      return mesos.agentResources(TEST_AGENT)
          .heartbeatInterval(Duration.ofMillis(500))
          .allocationInterval(Duration.ofMillis(100))
          .statusUpdateRetry(Duration.ofMillis(200), Duration.ofSeconds(1));
    }
  };

  private static final String TEST_AGENT = "cpus:2;mem:2048;disk:4096;ports:[31000-31100]";

  /** The replicas' ZooKeeper session timeout unless the builder sets one. */
  abstract Duration sessionTimeout();

  /** How a replica reaches ZooKeeper. */
  abstract ZkSettings zk(String connectString, Duration sessionTimeout);

  /** A replica's configuration, tuned. */
  abstract ControllerConfig tune(ControllerConfig config);

  /** The scheduler runtime; teardowns force-complete after {@code uninstallTimeout}. */
  abstract SchedulerRuntimeFactory runtimes(String master, String root, Duration uninstallTimeout);

  /** mesos-local, tuned. */
  abstract MesosLocalBuilder tune(MesosLocalBuilder mesos);
}

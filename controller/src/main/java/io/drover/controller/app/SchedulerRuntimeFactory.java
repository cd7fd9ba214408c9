package io.drover.controller.app;

import io.drover.controller.store.ControllerWrites;
import io.micrometer.core.instrument.MeterRegistry;

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
}

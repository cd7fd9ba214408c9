package io.drover.controller.app;

import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.ServiceOperations;
import java.util.concurrent.CompletionStage;

/**
 * The multi-service scheduler and its Mesos subscription, as one leadership term runs them: built
 * when the replica is elected (after the ServiceStore is recovered, subscribing with the stored
 * FrameworkID) and closed when the term ends (the subscription dropped, no teardown).
 */
public interface SchedulerRuntime extends AutoCloseable {

  MultiServiceManager manager();

  /** Operator actions (pod restart and replace, plan pause and resume). */
  ServiceOperations operations();

  /** True while the Mesos subscription is up. */
  boolean subscribed();

  /**
   * Completes with Mesos's message when Mesos failed this runtime's subscription over to another
   * scheduler with the same framework id; the runtime has then stopped acting for good. Never
   * completes otherwise.
   */
  CompletionStage<String> failedOver();

  /**
   * Tears the framework down on Mesos (TEARDOWN: Mesos kills every task and forgets the framework)
   * once the subscription is up; used by {@code drover controller --uninstall} after every service
   * is gone.
   */
  void teardownFramework() throws Exception;

  /** Stops the scheduler and drops the subscription; Mesos keeps the framework and its tasks. */
  @Override
  void close();

  /**
   * This runtime with {@code manager} in its manager's place and everything else its own: how the
   * bench and tests watch what the controller asks of the manager.
   */
  default SchedulerRuntime withManager(MultiServiceManager manager) {
    SchedulerRuntime runtime = this;
    return new SchedulerRuntime() {
      @Override
      public MultiServiceManager manager() {
        return manager;
      }

      @Override
      public ServiceOperations operations() {
        return runtime.operations();
      }

      @Override
      public boolean subscribed() {
        return runtime.subscribed();
      }

      @Override
      public CompletionStage<String> failedOver() {
        return runtime.failedOver();
      }

      @Override
      public void teardownFramework() throws Exception {
        runtime.teardownFramework();
      }

      @Override
      public void close() {
        runtime.close();
      }
    };
  }
}

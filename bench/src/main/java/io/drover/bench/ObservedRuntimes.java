package io.drover.bench;

import io.drover.controller.app.SchedulerRuntime;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.ServiceOperations;
import io.drover.controller.store.ControllerWrites;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletionStage;

/**
 * The production scheduler runtime factory, whose runtimes hand the controller an
 * {@link ObservedManager}: the controller runs its real code, and the benchmark learns when each
 * {@code putService} happens.
 */
final class ObservedRuntimes implements SchedulerRuntimeFactory {
  private final SchedulerRuntimeFactory delegate;
  private final PutListener listener;

  ObservedRuntimes(SchedulerRuntimeFactory delegate, PutListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  @Override
  public SchedulerRuntime start(ControllerWrites writes, MeterRegistry metrics, Caches caches) throws Exception {
    SchedulerRuntime runtime = delegate.start(writes, metrics, caches);
    MultiServiceManager manager = new ObservedManager(runtime.manager(), listener);
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

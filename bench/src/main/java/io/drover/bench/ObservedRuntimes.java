package io.drover.bench;

import io.drover.controller.app.SchedulerRuntime;
import io.drover.controller.app.SchedulerRuntimeFactory;
import io.drover.controller.store.ControllerWrites;
import io.micrometer.core.instrument.MeterRegistry;

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
    return runtime.withManager(new ObservedManager(runtime.manager(), listener));
  }
}

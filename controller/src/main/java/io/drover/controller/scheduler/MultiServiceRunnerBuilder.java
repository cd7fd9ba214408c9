package io.drover.controller.scheduler;

import io.drover.controller.store.ServiceStore;
import io.drover.controller.time.Timers;
import io.drover.reconcile.pod.Ids;
import java.util.Objects;
import java.util.concurrent.Executor;

/** Configures a {@link MultiServiceRunner}; made by {@link MultiServiceRunner#builder}. */
public final class MultiServiceRunnerBuilder {
  final ServiceStore store;
  final Timers timers;
  SchedulerSettings settings = SchedulerSettings.defaults("");
  Executor loop;
  Executor listenerExecutor;
  Ids ids = Ids.random();

  MultiServiceRunnerBuilder(ServiceStore store, Timers timers) {
    this.store = Objects.requireNonNull(store, "store");
    this.timers = Objects.requireNonNull(timers, "timers");
  }

  public MultiServiceRunnerBuilder settings(SchedulerSettings s) {
    this.settings = Objects.requireNonNull(s, "settings");
    return this;
  }

  /**
   * Runs the scheduler's messages, which own all of its state: the executor must run them one at
   * a time, in order (default: the runner's own thread, with a bounded queue that slows posters
   * down when full). A test passes one it drains itself.
   */
  public MultiServiceRunnerBuilder loop(Executor serial) {
    this.loop = Objects.requireNonNull(serial, "loop");
    return this;
  }

  /** Where {@link ObservedServiceListener}s are called (default: the runner's own daemon thread). */
  public MultiServiceRunnerBuilder listenerExecutor(Executor e) {
    this.listenerExecutor = Objects.requireNonNull(e, "listenerExecutor");
    return this;
  }

  /** Where fresh task and reservation ids come from (default: random UUIDs). */
  public MultiServiceRunnerBuilder ids(Ids i) {
    this.ids = Objects.requireNonNull(i, "ids");
    return this;
  }

  public MultiServiceRunner build() {
    return new MultiServiceRunner(this);
  }
}

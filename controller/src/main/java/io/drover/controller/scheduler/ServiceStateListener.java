package io.drover.controller.scheduler;

/** Notified when the scheduler's view of a service changes. */
public interface ServiceStateListener {

  /** The service's state changed (plans, tasks or lifecycle). */
  default void changed(ServiceState state) {}

  /** The service's teardown finished and its ServiceStore entry is gone; reported exactly once. */
  default void uninstalled(String name) {}
}

package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;

/** Notified when the scheduler's view of a service changes. */
public interface ObservedServiceListener {

  /** The service's state changed (plans, tasks or lifecycle). */
  default void changed(ObservedService state) {}

  /** The service's teardown finished and its ServiceStore entry is gone; reported exactly once. */
  default void uninstalled(String name) {}
}

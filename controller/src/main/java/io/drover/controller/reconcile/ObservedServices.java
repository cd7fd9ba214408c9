package io.drover.controller.reconcile;

import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.reconcile.service.ObservedService;
import io.drover.controller.scheduler.ObservedServiceListener;
import java.util.function.Consumer;

/**
 * The scheduler's view of each service as the reconcile loop reads it, and the trigger that asks
 * for a reconcile whenever that view changes. The scheduler swaps its snapshot before it notifies,
 * so a reconcile asked for by a notification always sees at least the notified state.
 *
 * <p>Thread-safe; notifications arrive in order on the scheduler's listener thread.
 */
public final class ObservedServices implements ObservedServiceListener {
  private final MultiServiceManager manager;
  private final Consumer<String> onChange;

  public ObservedServices(MultiServiceManager manager, Consumer<String> onChange) {
    this.manager = manager;
    this.onChange = onChange;
  }

  /**
   * The scheduler's current state of the service, or null when it does not know it. One lookup,
   * not the whole-map snapshot: with thousands of services, rebuilding that snapshot for every
   * reconcile after every change made each reconcile O(services) in time and garbage.
   */
  public ObservedService get(String name) {
    return manager.service(name);
  }

  @Override
  public void changed(ObservedService state) {
    onChange.accept(state.name());
  }

  @Override
  public void uninstalled(String name) {
    onChange.accept(name);
  }
}

package io.drover.controller.reconcile;

import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.ServiceState;
import io.drover.controller.scheduler.ServiceStateListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The scheduler's view of each service as the reconcile loop reads it: the state delivered with the
 * latest change notification, else the scheduler's snapshot. A snapshot read right after a
 * notification may still be the previous one (the scheduler swaps it independently of notifying),
 * and no further notification would correct it; the notified state is never older than what this
 * listener was last told. Each notification is recorded before {@code onChange} asks for a
 * reconcile, so that reconcile sees it.
 *
 * <p>Thread-safe; notifications arrive in order on the scheduler's listener thread.
 */
public final class ObservedServices implements ServiceStateListener {
  private final MultiServiceManager manager;
  private final Consumer<String> onChange;
  private final Map<String, ServiceState> notified = new ConcurrentHashMap<>();

  public ObservedServices(MultiServiceManager manager, Consumer<String> onChange) {
    this.manager = manager;
    this.onChange = onChange;
  }

  /** The freshest known state of the service, or null when the scheduler does not know it. */
  public ServiceState get(String name) {
    ServiceState s = notified.get(name);
    return s != null ? s : manager.services().get(name);
  }

  @Override
  public void changed(ServiceState state) {
    notified.put(state.name(), state);
    onChange.accept(state.name());
  }

  @Override
  public void uninstalled(String name) {
    notified.remove(name);
    onChange.accept(name);
  }
}

package io.drover.bench;

import io.drover.controller.scheduler.MultiServiceManager;
import io.drover.controller.scheduler.ObservedServiceListener;
import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.state.Target;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The real multi-service scheduler, with each {@code putService} call reported to a
 * {@link PutListener} first: the moment the reconcile loop decides to act, which the benchmark
 * times against the document's write. Everything else passes straight through.
 */
final class ObservedManager implements MultiServiceManager {
  private final MultiServiceManager delegate;
  private final PutListener listener;

  ObservedManager(MultiServiceManager delegate, PutListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  @Override
  public CompletableFuture<Void> putService(Target target) {
    String name = target.name();
    long generation = target.generation();
    listener.put(name, generation, System.nanoTime());
    // On the scheduler's loop as the command completes (one clock read and a map lookup), and
    // before the caller waiting for the returned future wakes: the time precedes all that follows.
    return delegate.putService(target).whenComplete((ok, failure) -> {
      if (failure == null) {
        listener.taken(name, generation, System.nanoTime());
      }
    });
  }

  @Override
  public CompletableFuture<Void> uninstallService(String name) {
    return delegate.uninstallService(name);
  }

  @Override
  public Map<String, ObservedService> services() {
    return delegate.services();
  }

  @Override
  public ObservedService service(String name) {
    return delegate.service(name);
  }

  @Override
  public void addListener(ObservedServiceListener listener) {
    delegate.addListener(listener);
  }
}

package io.drover.controller.scheduler;

import io.drover.reconcile.service.ObservedService;
import io.drover.reconcile.state.Target;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The multi-service scheduler as the reconcile loop sees it: add, replace and remove services at
 * run time. Commands are queued onto the scheduler's single event loop; their futures complete once
 * the command is accepted and persisted in the ServiceStore (not when the service is deployed).
 *
 * <p>The futures complete on the scheduler's event loop: wait for them ({@code get}), or attach
 * dependent actions with an executor of your own ({@code ...Async(fn, executor)}); an action
 * attached without one would run on the loop and hold up every service.
 */
public interface MultiServiceManager {

  /**
   * Adds the service, or replaces the one with the same name, which becomes a configuration update.
   * The future fails with {@link UpdateRejectedException} when the change is not allowed (for
   * example a volume resized); the old target then keeps running.
   *
   * @param target a valid, defaulted document with its spec hash ({@code Services.specHash}) and the
   *     desired document's node version it came from, as the desired cache computed them
   *     ({@code DesiredService.target}): the scheduler stores them as they are
   */
  CompletableFuture<Void> putService(Target target);

  /** Starts an asynchronous teardown; completes once the uninstalling marker is stored. */
  CompletableFuture<Void> uninstallService(String name);

  /** A consistent snapshot of every service the scheduler knows, uninstalling ones included. */
  Map<String, ObservedService> services();

  /**
   * One service's latest published state, or null when the scheduler does not know it. At least as
   * new as any state a listener was told about. The default reads {@link #services()}; the
   * scheduler answers without building the whole snapshot, which costs O(services) whenever
   * anything changed.
   */
  default ObservedService service(String name) {
    return services().get(name);
  }

  /** Registers a listener for state changes; it is called off the event loop. */
  void addListener(ObservedServiceListener listener);

  /**
   * Tells the scheduler whether more changes are on their way ({@code moreComing}, read on the
   * scheduler's loop: cheap, and never waiting for the loop), so that it asks for offers once a
   * burst of them has arrived, within a quarter of a second, and routes them in one offer round. The
   * default ignores it.
   */
  default void expectChanges(BooleanSupplier moreComing) {}
}

package io.drover.controller.scheduler;

import io.drover.api.Services;
import io.drover.api.model.ServiceResource;
import io.drover.reconcile.state.Target;
import java.util.concurrent.CompletableFuture;

/**
 * A command whose effect is one service's new stored record, a put or an uninstall, with its
 * caller's future. Such commands posted back to back are run as one batch ({@link
 * CommandBatches}), their records stored together.
 */
sealed interface ServiceChange {

  /** The service the command is about. */
  String name();

  /** Completed once the command's record is stored and visible in {@code services()}, or with why not. */
  CompletableFuture<Void> done();

  /** Completes {@link #done}: normally when {@code failure} is null, else with it. */
  default void complete(Exception failure) {
    if (failure == null) {
      done().complete(null);
    } else {
      done().completeExceptionally(failure);
    }
  }

  /**
   * A put of {@code service} at {@code generation}, its defaults and spec hash computed here, on
   * the caller's thread: pure, and CPU the loop would otherwise spend on every put.
   */
  static Put put(ServiceResource service, long generation) {
    ServiceResource defaulted = Services.withDefaults(service);
    return new Put(Target.of(Services.specHash(defaulted), generation, defaulted), new CompletableFuture<>());
  }

  /**
   * {@code putService}: the service should run {@code target}, the defaulted document with its spec
   * hash ({@link #put}).
   */
  record Put(Target target, CompletableFuture<Void> done) implements ServiceChange {
    @Override
    public String name() {
      return target.name();
    }
  }

  /** {@code uninstallService}: the service should be torn down and forgotten. */
  record Uninstall(String name, CompletableFuture<Void> done) implements ServiceChange {}
}

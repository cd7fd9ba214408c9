package io.drover.controller.scheduler;

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
   * {@code putService}: the service should run {@code target}, the defaulted document with the spec
   * hash the desired cache computed for it (nothing on the way recomputes either).
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

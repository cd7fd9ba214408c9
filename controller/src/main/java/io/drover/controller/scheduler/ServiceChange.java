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

  /**
   * {@code putService}: the service should run {@code target}, the defaulted document with its spec
   * hash, computed by the caller so that the loop does not.
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

package io.drover.controller.scheduler;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Gathers the puts and uninstalls posted back to back into batches, each run by one message on the
 * event loop, so that their records are stored together (a deploy of many services is a few
 * multi-ops, not one ZooKeeper write per service). A command joins the open batch until the loop
 * starts running it, or it holds {@link #MAX} commands; any other command {@link #seal}s it, so
 * commands run in the order they were posted.
 */
final class CommandBatches extends Coalescer<ServiceChange> {
  /** A batch's bound: deciding its commands stays a modest amount of work for one message. */
  static final int MAX = 256;

  /** Batches are posted to {@code loop} and handed, when the loop runs them, to {@code handler}. */
  CommandBatches(Executor loop, Consumer<List<ServiceChange>> handler) {
    super(MAX, loop, handler);
  }

  /** Every command of a batch the closed loop refused fails. */
  @Override
  void refused(List<ServiceChange> batch) {
    batch.forEach(c -> c.done().completeExceptionally(new IllegalStateException("the scheduler is shutting down")));
  }
}

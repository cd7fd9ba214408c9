package io.drover.controller.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Gathers the puts and uninstalls posted back to back into batches, each run by one message on the
 * event loop, so that their records are stored together (a deploy of many services is a few
 * multi-ops, not one ZooKeeper write per service). A command joins the open batch until the loop
 * starts running it, or it holds {@link #MAX} commands; any other command {@link #seal}s it, so
 * commands run in the order they were posted. The lock guards the open batch only; nothing is
 * called under it.
 */
final class CommandBatches {
  /** A batch's bound: deciding its commands stays a modest amount of work for one message. */
  static final int MAX = 256;

  private final Executor loop;
  private final Consumer<List<ServiceChange>> handler;
  private final Object lock = new Object();
  /** The batch later commands may join, or null; guarded by {@link #lock}. */
  private List<ServiceChange> open;

  /** Batches are posted to {@code loop} and handed, when the loop runs them, to {@code handler}. */
  CommandBatches(Executor loop, Consumer<List<ServiceChange>> handler) {
    this.loop = loop;
    this.handler = handler;
  }

  /**
   * A command: joins the open batch, or starts one and posts it. When the loop refuses the batch
   * (it is closed), every command in it fails.
   */
  void add(ServiceChange command) {
    List<ServiceChange> batch;
    synchronized (lock) {
      if (open != null && open.size() < MAX) {
        open.add(command);
        return;
      }
      batch = new ArrayList<>();
      batch.add(command);
      open = batch;
    }
    try {
      loop.execute(() -> handler.accept(take(batch)));
    } catch (RejectedExecutionException e) {
      take(batch).forEach(c -> c.done().completeExceptionally(new IllegalStateException("the scheduler is shutting down")));
    }
  }

  /** Another command comes next: later puts and uninstalls start a new batch, run after it. */
  void seal() {
    synchronized (lock) {
      open = null;
    }
  }

  /** Closes {@code batch} to newcomers and returns what it gathered. */
  private List<ServiceChange> take(List<ServiceChange> batch) {
    synchronized (lock) {
      if (open == batch) {
        open = null;
      }
      return List.copyOf(batch);
    }
  }
}

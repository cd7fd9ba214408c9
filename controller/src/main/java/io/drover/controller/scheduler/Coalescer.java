package io.drover.controller.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Gathers items posted back to back into batches, each handed to a handler by one message on the
 * event loop. An item joins the open batch until the loop starts handling it, the batch holds its
 * bound, or {@link #seal} closes it because something else comes next that must not be overtaken;
 * items keep their order. The lock guards the open batch only; nothing is called under it. What a
 * batch means is the subclass's: {@link StatusBursts}, {@link CommandBatches}.
 *
 * @param <T> what is gathered
 */
abstract class Coalescer<T> {

  private final int max;
  private final Executor loop;
  private final Consumer<List<T>> handler;
  private final Object lock = new Object();
  /** The batch later items may join, or null; guarded by {@link #lock}. */
  private List<T> open;

  /** Batches of at most {@code max} are posted to {@code loop} and handed, when it runs them, to {@code handler}. */
  Coalescer(int max, Executor loop, Consumer<List<T>> handler) {
    this.max = max;
    this.loop = loop;
    this.handler = handler;
  }

  /** Joins the open batch, or starts one and posts it; a batch the loop refuses goes to {@link #refused}. */
  final void add(T item) {
    List<T> batch;
    synchronized (lock) {
      if (open != null && open.size() < max) {
        open.add(item);
        return;
      }
      batch = new ArrayList<>();
      batch.add(item);
      open = batch;
    }
    try {
      loop.execute(() -> handler.accept(take(batch)));
    } catch (RejectedExecutionException e) {
      refused(take(batch));
    }
  }

  /** Something else comes next: later items start a new batch, handled after it. */
  final void seal() {
    synchronized (lock) {
      open = null;
    }
  }

  /** What becomes of a batch the loop refused (it is closed). */
  abstract void refused(List<T> batch);

  /** Closes {@code batch} to newcomers and returns what it gathered. */
  private List<T> take(List<T> batch) {
    synchronized (lock) {
      if (open == batch) {
        open = null;
      }
      return List.copyOf(batch);
    }
  }
}

package io.drover.controller.store;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a {@link ChildrenCache}'s answers from the ZooKeeper client's event thread to the cache's
 * serial events executor, in the order they arrive, counting those handed and not yet run there.
 */
final class AnswerHandOff {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerHandOff.class);

  private final Executor events;
  private final String parent;
  private final BooleanSupplier closed;
  private final AtomicInteger pending = new AtomicInteger();

  /**
   * @param parent the cache's parent node, for the log
   * @param closed whether the cache is closed: nothing is handed on after that
   */
  AnswerHandOff(Executor events, String parent, BooleanSupplier closed) {
    this.events = events;
    this.parent = parent;
    this.closed = closed;
  }

  /** True when no answer waits for the events executor or runs there. */
  boolean idle() {
    return pending.get() == 0;
  }

  /**
   * Hands an answer on while the cache is open. It never throws, since Curator logs what a callback
   * throws as an unexpected error (with its stack trace). Runs on the client's event thread, one
   * answer at a time, but for {@link OwnWrites}' hand-overs (from the writer and on reconnection).
   *
   * @param answer makes what runs on the events executor (and may start decoding ahead)
   */
  void hand(Supplier<Runnable> answer) {
    if (closed.getAsBoolean()) {
      return;
    }
    Runnable apply = answer.get();
    pending.incrementAndGet();
    try {
      events.execute(() -> {
        try {
          apply.run();
        } finally {
          pending.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException stopped) {
      pending.decrementAndGet();
      if (!closed.getAsBoolean()) {
        LOG.warn("the events executor of the cache of {} stopped before the cache was closed; dropping an answer", parent);
      }
    }
  }
}

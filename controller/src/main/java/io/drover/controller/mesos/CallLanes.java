package io.drover.controller.mesos;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * When each call may go out, so that calls whose order matters keep it and the others do not wait
 * one round trip each behind them. Mesos's own scheduler library pipelines every call on one
 * connection; the JDK's HTTP client cannot, so order is kept by sending a call only once the calls
 * it must follow were answered (or failed):
 *
 * <ul>
 *   <li>Ordered calls (REVIVE, SUPPRESS, KILL, RECONCILE, TEARDOWN, ...) follow every call made
 *       before them, except acknowledgements: a SUPPRESS overtaken by an earlier REVIVE would
 *       silence offers for good.
 *   <li>Offer answers (ACCEPT, DECLINE) made one after another answer different offers and commute:
 *       up to {@link #ANSWER_LANES} of them are in flight at once, after the ordered call before
 *       them; the next ordered call waits for all of them. An offer round's ACCEPTs thus go out
 *       together instead of one agent's at a time.
 *   <li>Acknowledgements commute with every call: each goes on one of {@link #ACK_LANES} lanes of
 *       its own, a task always on the same lane (a task has one update in flight at a time, and an
 *       agent sends the next only once it is acknowledged, so these round trips pace every launch).
 * </ul>
 *
 * Thread-safe; never blocks the caller.
 */
final class CallLanes {
  /** Offer answers in flight at once, at most (one connection each). */
  static final int ANSWER_LANES = 4;
  /** Acknowledgements in flight at once, at most (one connection each). */
  static final int ACK_LANES = 8;

  /** Completes when the last ordered call was answered; guarded by {@code this}. */
  private CompletableFuture<?> ordered;
  /** Each lane's last offer answer since that ordered call (or the call itself); guarded by {@code this}. */
  private final CompletableFuture<?>[] answers = new CompletableFuture<?>[ANSWER_LANES];
  private int nextAnswerLane;
  /** Each acknowledgement lane's last call; guarded by {@code this}. */
  private final CompletableFuture<?>[] acks = new CompletableFuture<?>[ACK_LANES];

  CallLanes() {
    reset();
  }

  /** Forgets every call made so far: later ones do not wait for them (a new subscription). */
  synchronized void reset() {
    ordered = CompletableFuture.completedFuture(null);
    Arrays.fill(answers, ordered);
    Arrays.fill(acks, ordered);
    nextAnswerLane = 0;
  }

  /**
   * Runs {@code send} once the calls {@code call} must follow were answered; {@code send} sends it,
   * its future completing when Mesos answered or the call failed.
   */
  synchronized void submit(Call call, Supplier<CompletableFuture<?>> send) {
    switch (call.getType()) {
      case ACKNOWLEDGE -> {
        int lane = Math.floorMod(call.getAcknowledge().getTaskId().getValue().hashCode(), ACK_LANES);
        acks[lane] = after(acks[lane], send);
      }
      case ACCEPT, DECLINE -> {
        int lane = nextAnswerLane;
        nextAnswerLane = (lane + 1) % ANSWER_LANES;
        answers[lane] = after(answers[lane], send);
      }
      default -> {
        ordered = after(CompletableFuture.allOf(answers), send);
        Arrays.fill(answers, ordered);
        nextAnswerLane = 0;
      }
    }
  }

  private static CompletableFuture<?> after(CompletableFuture<?> previous, Supplier<CompletableFuture<?>> send) {
    return previous.handle((ignored, error) -> null).thenCompose(ignored -> send.get());
  }
}

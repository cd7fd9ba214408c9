package io.drover.controller.scheduler;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Gathers the status updates Mesos sends back to back into bursts, each handled by one message on
 * the event loop, so that the records they change are stored together and each update is
 * acknowledged after that one write. An update joins the open burst until the loop starts handling
 * it, it holds {@link #MAX} updates, or another Mesos event arrives: that event {@link #seal}s it,
 * so no update overtakes an event Mesos sent before it, and updates keep their order. Commands and
 * ticks, which come from other threads in no order with Mesos's events, may run after a burst's
 * later updates.
 */
final class StatusBursts extends Coalescer<TaskStatus> {
  /** A burst's bound: its records and acknowledgements stay a modest amount of work for one message. */
  static final int MAX = 1_000;

  /** Bursts are posted to {@code loop} and handed, when the loop runs them, to {@code handler}. */
  StatusBursts(Executor loop, Consumer<List<TaskStatus>> handler) {
    super(MAX, loop, handler);
  }

  /** A closed scheduler acknowledges nothing: Mesos sends the updates again to the next one. */
  @Override
  void refused(List<TaskStatus> burst) {}
}

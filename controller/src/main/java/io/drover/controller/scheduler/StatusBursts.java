package io.drover.controller.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Gathers the status updates Mesos sends back to back into bursts, each handled by one message on
 * the event loop, so that the records they change are stored together and each update is
 * acknowledged after that one write. An update joins the open burst until the loop starts handling
 * it, it holds {@link #MAX} updates, or another Mesos event arrives: that event {@link #seal}s it,
 * so no update overtakes an event Mesos sent before it, and updates keep their order. Commands and
 * ticks, which come from other threads in no order with Mesos's events, may run after a burst's
 * later updates. The lock guards the open burst only; nothing is called under it.
 */
final class StatusBursts {
  /** A burst's bound: its records and acknowledgements stay a modest amount of work for one message. */
  static final int MAX = 1_000;

  private final Consumer<Runnable> loop;
  private final Consumer<List<TaskStatus>> handler;
  private final Object lock = new Object();
  /** The burst later updates may join, or null; guarded by {@link #lock}. */
  private List<TaskStatus> open;

  /** Bursts are posted to {@code loop} and handed, when the loop runs them, to {@code handler}. */
  StatusBursts(Consumer<Runnable> loop, Consumer<List<TaskStatus>> handler) {
    this.loop = loop;
    this.handler = handler;
  }

  /** An update from Mesos: joins the open burst, or starts one and posts it. */
  void add(TaskStatus status) {
    List<TaskStatus> burst;
    synchronized (lock) {
      if (open != null && open.size() < MAX) {
        open.add(status);
        return;
      }
      burst = new ArrayList<>();
      burst.add(status);
      open = burst;
    }
    loop.accept(() -> handler.accept(take(burst)));
  }

  /** Another Mesos event comes next: later updates start a new burst, handled after it. */
  void seal() {
    synchronized (lock) {
      open = null;
    }
  }

  /** Closes {@code burst} to newcomers and returns what it gathered. Loop only. */
  private List<TaskStatus> take(List<TaskStatus> burst) {
    synchronized (lock) {
      if (open == burst) {
        open = null;
      }
      return List.copyOf(burst);
    }
  }
}

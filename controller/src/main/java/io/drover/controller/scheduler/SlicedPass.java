package io.drover.controller.scheduler;

import java.util.List;
import java.util.function.Consumer;

/**
 * A pass over every service in slices of {@value #SLICE}, each its own loop message: a command or
 * Mesos event that arrives during the pass waits for one slice, not for all of it (at 10,000
 * services a whole pass held the loop for tens of milliseconds, up to seconds under load). The
 * first slice runs in the message that starts the pass; each slice posts the next behind whatever
 * arrived meanwhile. Loop only.
 */
final class SlicedPass {
  /** Services per slice: a few milliseconds of loop time. */
  static final int SLICE = 256;

  private final List<ServiceEntry> entries;
  private final Consumer<List<ServiceEntry>> slice;
  private final Runnable last;
  private final Runnable over;
  private final Consumer<Runnable> post;

  private SlicedPass(List<ServiceEntry> entries, Consumer<List<ServiceEntry>> slice, Runnable last, Runnable over,
      Consumer<Runnable> post) {
    this.entries = entries;
    this.slice = slice;
    this.last = last;
    this.over = over;
    this.post = post;
  }

  /**
   * Runs {@code slice} on the first slice of {@code entries} now and posts the rest with {@code
   * post}; after the last slice, in its message, runs {@code last}, then {@code over} (which runs
   * also when a slice failed, so a failure costs one pass, not the ones after it). {@code entries}
   * is a snapshot: a service removed meanwhile is still in it, {@code slice} skips it.
   */
  static void start(List<ServiceEntry> entries, Consumer<List<ServiceEntry>> slice, Runnable last, Runnable over,
      Consumer<Runnable> post) {
    new SlicedPass(entries, slice, last, over, post).from(0);
  }

  private void from(int from) {
    int to = Math.min(entries.size(), from + SLICE);
    boolean isLast = to == entries.size();
    try {
      slice.accept(entries.subList(from, to));
      if (isLast) {
        last.run();
      }
    } finally {
      if (isLast) {
        over.run();
      } else {
        post.accept(() -> from(to));
      }
    }
  }
}

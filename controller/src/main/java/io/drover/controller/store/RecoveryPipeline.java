package io.drover.controller.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads and decodes many stored entries at once: entries are read in groups of at most {@code group}
 * (one group's reads can share requests), the reads of at most {@code window} entries are
 * outstanding, and each entry is decoded on one of {@code decoders} threads as soon as its reads are
 * done, so decoding overlaps the round trips and uses every core instead of one.
 *
 * <p>Outcomes come back in the order of the names, each the decoded value or the exception its
 * decoding threw, so the caller handles failures (skip a broken entry, abort on a lost connection)
 * in that order, as a one-by-one recovery would. Thread-safe: each {@link #run} has decoding
 * threads of its own, stopped when it returns.
 *
 * @param <R> what the reads of one entry give (futures of its nodes)
 * @param <T> a decoded entry
 */
final class RecoveryPipeline<R, T> {

  /** Turns one entry's finished reads into a value; throws when the entry cannot be read or decoded. */
  @FunctionalInterface
  interface Decoder<R, T> {
    T decode(String name, R raw) throws Exception;
  }

  /** One entry's outcome: its value, or why there is none. */
  record Outcome<T>(T value, Exception failure) {
    /** The value, or the failure thrown. */
    T get() throws Exception {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }

  private final int window;
  private final int group;
  private final int decoders;
  private final Function<List<String>, List<R>> read;
  private final Function<R, CompletableFuture<?>> readsDone;
  private final Decoder<R, T> decoder;

  /**
   * @param group the most entries given to one call of {@code read}, at most {@code window}
   * @param read starts the reads of a group of entries and returns at once, one value per entry in order
   * @param readsDone completes (successfully or not) once every read of the entry has finished
   */
  RecoveryPipeline(int window, int group, int decoders, Function<List<String>, List<R>> read,
      Function<R, CompletableFuture<?>> readsDone, Decoder<R, T> decoder) {
    if (window < 1 || decoders < 1 || group < 1 || group > window) {
      throw new IllegalArgumentException("window, group and decoders must be at least 1 and the group at most the window, not "
          + window + ", " + group + " and " + decoders);
    }
    this.window = window;
    this.group = group;
    this.decoders = decoders;
    this.read = Objects.requireNonNull(read, "read");
    this.readsDone = Objects.requireNonNull(readsDone, "readsDone");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /** Reads and decodes every named entry; returns their outcomes in the order of {@code names}. */
  List<Outcome<T>> run(List<String> names) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(decoders, threads());
    try {
      // An entry holds its place from its first read until it is decoded: bounds requests and memory.
      Semaphore places = new Semaphore(window);
      List<CompletableFuture<Outcome<T>>> outcomes = new ArrayList<>(names.size());
      for (int from = 0; from < names.size(); from += group) {
        List<String> some = names.subList(from, Math.min(names.size(), from + group));
        places.acquire(some.size());
        List<R> raws = read.apply(some);
        for (int i = 0; i < some.size(); i++) {
          String name = some.get(i);
          R raw = raws.get(i);
          CompletableFuture<Outcome<T>> outcome = readsDone.apply(raw)
              .handle((v, e) -> raw)
              .thenApplyAsync(r -> decode(name, r), pool);
          outcome.whenComplete((v, e) -> places.release());
          outcomes.add(outcome);
        }
      }
      places.acquire(window);
      return outcomes.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome<T> decode(String name, R raw) {
    try {
      return new Outcome<>(decoder.decode(name, raw), null);
    } catch (Exception e) {
      return new Outcome<>(null, e);
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "drover-recovery-decode-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

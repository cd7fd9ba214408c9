package io.drover.controller.app;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replica's threads, named so thread dumps and logs say what each does.
 *
 * @param timer delays: backoff, resync (tasks only hand work on)
 * @param workers reconciles and status writes; as many threads as keys in flight during a burst (a
 *     deploy), none kept once idle for 30 s
 * @param desiredEvents the desired cache's events, in order: a user's change never waits behind a
 *     burst of status events, and the cache's count of answers waiting is the thread's own
 * @param cacheEvents the status and secret caches' events, in order
 * @param cacheDecoding decodes the desired documents the cache reads, ahead of {@code desiredEvents}
 * @param electionEvents leadership changes, in order
 * @param http HTTP requests
 */
record ControllerThreads(
    ScheduledExecutorService timer,
    ExecutorService workers,
    ExecutorService desiredEvents,
    ExecutorService cacheEvents,
    ExecutorService cacheDecoding,
    ExecutorService electionEvents,
    ExecutorService http) implements AutoCloseable {

  private static final Duration IDLE_WORKER = Duration.ofSeconds(30);

  static ControllerThreads create(int workers) {
    return new ControllerThreads(
        Executors.newSingleThreadScheduledExecutor(named("drover-timer")),
        idleTimingOut(workers, IDLE_WORKER, named("drover-reconcile")),
        Executors.newSingleThreadExecutor(named("drover-desired-events")),
        Executors.newSingleThreadExecutor(named("drover-cache-events")),
        // One per core, at most 4: a start-up load of 10,000 documents is mostly YAML parsing and validation.
        Executors.newFixedThreadPool(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
            named("drover-cache-decode")),
        Executors.newSingleThreadExecutor(named("drover-leader-events")),
        Executors.newFixedThreadPool(4, named("drover-http")));
  }

  @Override
  public void close() {
    for (ExecutorService e : List.of(timer, workers, desiredEvents, cacheEvents, cacheDecoding, electionEvents, http)) {
      e.shutdownNow();
    }
  }

  /**
   * An executor that holds its tasks until {@code gate} completes (normally or not), then hands
   * them to {@code pool}; once open, at once. A task the pool refuses (it is closing) runs on the
   * thread that hands it over, so that whoever waits for it is not left waiting.
   */
  static Executor after(CompletableFuture<?> gate, Executor pool) {
    return task -> gate.whenComplete((v, e) -> {
      try {
        pool.execute(task);
      } catch (RejectedExecutionException closing) {
        task.run();
      }
    });
  }

  /** A pool of at most {@code threads}, each ending once idle for {@code idle}. */
  static ThreadPoolExecutor idleTimingOut(int threads, Duration idle, ThreadFactory factory) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idle.toMillis(), TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Daemon threads named {@code prefix-1, prefix-2, ...}. */
  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

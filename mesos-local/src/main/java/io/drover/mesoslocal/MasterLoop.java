package io.drover.mesoslocal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's actor: one thread that owns every piece of master and agent state. Other threads
 * (HTTP handlers, process watchers, health checkers, the public API) only enqueue work here. Timers
 * run on the same thread, so no state is ever touched concurrently.
 */
final class MasterLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MasterLoop.class);

  private final ScheduledExecutorService executor;
  private volatile Thread thread;

  MasterLoop() {
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mesos-local-master");
      t.setDaemon(true);
      thread = t;
      return t;
    });
  }

  /** Runs {@code work} on the loop; a failure is logged and does not stop the loop. */
  void execute(Runnable work) {
    if (executor.isShutdown()) {
      return;
    }
    executor.execute(guarded(work));
  }

  /** Runs {@code work} on the loop and completes with its result. */
  <T> CompletableFuture<T> call(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (executor.isShutdown()) {
      result.completeExceptionally(new IllegalStateException("mesos-local is stopped"));
      return result;
    }
    executor.execute(() -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Runs {@code work} on the loop and waits for its result, at most {@code timeout}. */
  <T> T await(Supplier<T> work, Duration timeout) {
    try {
      return call(work).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the mesos-local master", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the mesos-local master did not answer within " + timeout, e);
    }
  }

  /** Runs {@code work} on the loop after {@code delay}; cancel the result to drop it. */
  ScheduledFuture<?> schedule(Duration delay, Runnable work) {
    return executor.schedule(guarded(work), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** Runs {@code work} on the loop every {@code period}, first after one period. */
  ScheduledFuture<?> every(Duration period, Runnable work) {
    return executor.scheduleAtFixedRate(guarded(work), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  private static Runnable guarded(Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        log.error("mesos-local master step failed", e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

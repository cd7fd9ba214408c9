package io.drover.mesoslocal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs tasks as real local processes ({@link TaskProcess}). Launches happen on a small pool so the
 * master loop never waits for a fork; kill escalations and health checks use their own threads.
 */
final class ProcessTaskRunner implements TaskRunner {

  private final Consumer<ExecutorUpdate> updates;
  private final Map<TaskKey, TaskProcess> tasks = new ConcurrentHashMap<>();
  private final ExecutorService launcher = Executors.newFixedThreadPool(2, daemon("mesos-local-launcher"));
  private final ExecutorService checkWorkers = Executors.newCachedThreadPool(daemon("mesos-local-check"));
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemon("mesos-local-timer"));

  private final LongSupplier nanoTime;

  /** {@code nanoTime} measures health check grace periods. */
  ProcessTaskRunner(Consumer<ExecutorUpdate> updates, LongSupplier nanoTime) {
    this.updates = updates;
    this.nanoTime = nanoTime;
  }

  @Override
  public void launch(LaunchSpec spec) {
    TaskProcess process = new TaskProcess(spec, updates, timers, checkWorkers, nanoTime, () -> tasks.remove(spec.key()));
    tasks.put(spec.key(), process);
    launcher.execute(process::start);
  }

  @Override
  public void kill(TaskKey key, Duration grace) {
    TaskProcess p = tasks.get(key);
    if (p != null) {
      p.kill(grace);
    }
  }

  @Override
  public boolean crash(TaskKey key) {
    TaskProcess p = tasks.get(key);
    return p != null && p.crash();
  }

  @Override
  public void close() {
    launcher.shutdownNow();
    List<TaskProcess> all = List.copyOf(tasks.values());
    all.forEach(TaskProcess::destroy);
    for (TaskProcess p : all) {
      Process process = p.process();
      if (process != null) {
        try {
          process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    tasks.clear();
    timers.shutdownNow();
    checkWorkers.shutdownNow();
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

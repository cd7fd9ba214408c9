package io.drover.controller.reconcile;

import io.drover.controller.time.Timers;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WorkQueue}. All bookkeeping happens under one lock; handlers are submitted after the
 * lock is released. One FIFO per priority; a key that moves up stays behind in its old FIFO and is
 * skipped there (its entry says where it waits), so a promotion costs no scan.
 */
final class WorkQueueImpl<K> implements WorkQueue<K> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkQueueImpl.class);

  /** What the queue knows about one key; absent means idle with no failures. */
  private static final class Entry {
    /** The FIFO the key waits in, null when not waiting. */
    Priority queued;
    boolean running;
    /** Running because a user's change added it ({@link Priority#USER}). */
    boolean runningUser;
    /** The highest priority of the adds during a run, null when none came. */
    Priority dirty;
    int failures;
    Timers.Cancellable retry;
  }

  private final String name;
  private final WorkQueueConfig config;
  private final KeyHandler<K> handler;
  private final Supplier<? extends Collection<K>> resyncKeys;
  private final Timers timers;
  private final Executor workers;

  private final Object lock = new Object();
  private final Map<K, Entry> entries = new HashMap<>();
  private final Map<Priority, ArrayDeque<K>> ready = new EnumMap<>(Priority.class);
  private int waiting;
  /** The keys running as {@link Priority#USER}. */
  private int runningUser;
  private final TokenBucket limiter;
  private int inFlight;
  private boolean paused;
  private boolean closed;
  private Timers.Cancellable pumpTimer;
  private Timers.Cancellable resyncTimer;

  WorkQueueImpl(
      String name,
      WorkQueueConfig config,
      KeyHandler<K> handler,
      Supplier<? extends Collection<K>> resyncKeys,
      Timers timers,
      Executor workers) {
    this.name = name;
    this.config = config;
    this.handler = handler;
    this.resyncKeys = resyncKeys;
    this.timers = timers;
    this.workers = workers;
    this.limiter = new TokenBucket(config.ratePerSecond(), config.burst(), timers.nanoTime());
    for (Priority p : Priority.values()) {
      ready.put(p, new ArrayDeque<>());
    }
    synchronized (lock) {
      scheduleResync();
    }
  }

  @Override
  public void add(K key, Priority priority) {
    List<K> starts;
    synchronized (lock) {
      if (closed) {
        return;
      }
      Entry e = entries.computeIfAbsent(key, k -> new Entry());
      if (e.running) {
        e.dirty = higher(e.dirty, priority);
        return;
      }
      enqueue(key, e, priority);
      starts = pump();
    }
    submit(starts);
  }

  @Override
  public void resync() {
    Collection<K> keys;
    try {
      keys = resyncKeys.get();
    } catch (RuntimeException e) {
      LOG.warn("{}: resync could not list keys; trying again at the next resync", name, e);
      return;
    }
    keys.forEach(k -> add(k, Priority.RESYNC));
  }

  @Override
  public void pause() {
    synchronized (lock) {
      paused = true;
    }
  }

  @Override
  public void resume() {
    List<K> starts;
    synchronized (lock) {
      paused = false;
      starts = pump();
    }
    submit(starts);
  }

  @Override
  public int depth() {
    synchronized (lock) {
      return waiting;
    }
  }

  @Override
  public int inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  @Override
  public int userChanges() {
    synchronized (lock) {
      // USER is the highest priority: a key in its FIFO never moved up and away, so none is stale there.
      return ready.get(Priority.USER).size() + runningUser;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      cancel(pumpTimer);
      cancel(resyncTimer);
      entries.values().forEach(e -> cancel(e.retry));
      entries.clear();
      ready.values().forEach(ArrayDeque::clear);
      waiting = 0;
      runningUser = 0;
    }
  }

  private void enqueue(K key, Entry e, Priority priority) {
    cancel(e.retry);
    e.retry = null;
    if (e.queued == null) {
      waiting++;
    }
    if (e.queued == null || priority.compareTo(e.queued) < 0) {
      e.queued = priority;
      ready.get(priority).addLast(key);
    }
  }

  /** Takes the keys that may start now; the caller submits them outside the lock. */
  private List<K> pump() {
    List<K> starts = new ArrayList<>();
    while (!paused && !closed && waiting > 0 && inFlight < config.maxInFlight()) {
      K key = next();
      if (key == null) {
        break;
      }
      Entry e = entries.get(key);
      if (e.queued == Priority.USER) {
        runningUser++;
        e.runningUser = true;
      }
      e.queued = null;
      waiting--;
      e.running = true;
      inFlight++;
      starts.add(key);
    }
    return starts;
  }

  /**
   * The next key to start, highest priority first, or null when only resync keys wait and the
   * rate limit has no token (a timer pumps again when it has).
   */
  private K next() {
    for (Priority p : Priority.values()) {
      ArrayDeque<K> fifo = ready.get(p);
      K key;
      while ((key = fifo.peekFirst()) != null && !waitsIn(key, p)) {
        fifo.pollFirst(); // moved up to a higher priority, and started from there since
      }
      if (key == null) {
        continue;
      }
      if (p == Priority.RESYNC) {
        long now = timers.nanoTime();
        if (!limiter.tryAcquire(now)) {
          if (pumpTimer == null) {
            pumpTimer = timers.schedule(Duration.ofNanos(limiter.nanosUntilNext(now)), this::onPumpTimer);
          }
          return null;
        }
      }
      return fifo.pollFirst();
    }
    return null;
  }

  private boolean waitsIn(K key, Priority p) {
    Entry e = entries.get(key);
    return e != null && e.queued == p;
  }

  private static Priority higher(Priority a, Priority b) {
    return a == null || b.compareTo(a) < 0 ? b : a;
  }

  private void onPumpTimer() {
    List<K> starts;
    synchronized (lock) {
      pumpTimer = null;
      starts = pump();
    }
    submit(starts);
  }

  private void submit(List<K> starts) {
    for (K key : starts) {
      try {
        workers.execute(() -> run(key));
      } catch (RejectedExecutionException e) {
        LOG.warn("{}: the executor refused {}; retrying with backoff", name, key);
        finished(key, false);
      }
    }
  }

  private void run(K key) {
    boolean ok = false;
    try {
      handler.handle(key);
      ok = true;
    } catch (Exception e) {
      LOG.warn("{}: handling {} failed; retrying with backoff", name, key, e);
    } finally {
      finished(key, ok);
    }
  }

  private void finished(K key, boolean ok) {
    List<K> starts;
    synchronized (lock) {
      inFlight--;
      Entry e = entries.get(key);
      if (closed || e == null) {
        return;
      }
      e.running = false;
      if (e.runningUser) {
        e.runningUser = false;
        runningUser--;
      }
      e.failures = ok ? 0 : e.failures + 1;
      if (e.dirty != null) {
        Priority p = e.dirty;
        e.dirty = null;
        enqueue(key, e, p);
      } else if (!ok) {
        Duration delay = config.backoff().delay(e.failures);
        LOG.debug("{}: retrying {} in {} after {} failure(s)", name, key, delay, e.failures);
        e.retry = timers.schedule(delay, () -> retry(key));
      } else {
        entries.remove(key);
      }
      starts = pump();
    }
    submit(starts);
  }

  private void retry(K key) {
    List<K> starts;
    synchronized (lock) {
      Entry e = entries.get(key);
      if (closed || e == null || e.running || e.retry == null) {
        return;
      }
      e.retry = null;
      enqueue(key, e, Priority.OBSERVED);
      starts = pump();
    }
    submit(starts);
  }

  private void scheduleResync() {
    if (!config.resyncPeriod().isZero() && !closed) {
      resyncTimer = timers.schedule(config.resyncPeriod(), this::onResyncTimer);
    }
  }

  private void onResyncTimer() {
    resync();
    synchronized (lock) {
      scheduleResync();
    }
  }

  private static void cancel(Timers.Cancellable c) {
    if (c != null) {
      c.cancel();
    }
  }
}

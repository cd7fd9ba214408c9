package io.drover.controller.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.Services;
import io.drover.api.status.DocumentCheck;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.EncodedStatus;
import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusWrites;
import io.drover.controller.time.Timers;
import io.drover.reconcile.state.Backoff;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes services' status to {@code <root>/status/<name>} as soon as it changes, and only when it
 * differs from what is stored. One write is in flight at a time: what is submitted meanwhile is
 * coalesced (the latest status per service) and written next, all of it together in multi-ops
 * within ZooKeeper's request budget ({@link StatusWrites#writeAll}). So a quiet service's change
 * is written at once, and a burst (a deployment of thousands of services, tasks coming up one by
 * one) becomes a few large writes of the latest statuses instead of one write per change. An
 * absent status deletes the node.
 *
 * <p>Each status records what the decode of the service's current desired document found ({@link
 * DocumentCheck}, from {@code checks}), so {@code drover get services} of the same build can print
 * the service without decoding that document again.
 *
 * <p>Writes go through the leader's fenced {@link StatusWrites}. A refused (fenced) write is
 * dropped, since this replica no longer leads; other failures are retried with backoff, always
 * with the latest statuses. Thread-safe.
 */
public final class StatusWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private final StatusWrites writes;
  private final ChildrenCache<StatusDocument> stored;
  private final Timers timers;
  private final Executor workers;
  private final Backoff backoff;
  private final Function<String, DocumentCheck> checks;
  private final ObjectMapper json = Services.statusMapper();
  /** What this writer wrote (or found stored) per service, with its JSON when known. */
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  /** Submitted and not yet taken by a write, in order of first submission. */
  private final Map<String, Optional<ServiceStatus>> pending = new LinkedHashMap<>();
  /** Taken by the write in flight. */
  private Map<String, Optional<ServiceStatus>> inFlight = Map.of();
  private boolean running;
  private boolean paused;
  private boolean closed;
  private int failures;
  private Timers.Cancellable retry;

  /**
   * A status as stored, and its JSON when this writer encoded it already (null until then), so
   * that the next comparison with it encodes only the new status.
   */
  private record Written(Optional<ServiceStatus> status, byte[] json) {}

  /**
   * @param checks the check of a service's current desired document (null when there is none to
   *     record: no document, an invalid one, or an unknown validator)
   */
  public StatusWriter(StatusWrites writes, ChildrenCache<StatusDocument> stored, Timers timers, Executor workers,
      Backoff backoff, Function<String, DocumentCheck> checks) {
    this.writes = writes;
    this.stored = stored;
    this.timers = timers;
    this.workers = workers;
    this.backoff = backoff;
    this.checks = checks;
  }

  /**
   * Asks for {@code status} (empty: no status node) to be written now, if it differs from what is
   * stored. A status equal to the latest known one is dropped here, so a resync of thousands of
   * unchanged services puts nothing in front of a real change. A status this writer has not
   * written yet is compared with the stored one as JSON: the stored one was read back, with
   * absent lists where the derived one has empty ones, so a new leader's resync would otherwise
   * queue every service's status for a write that finds nothing to write.
   *
   * <p>The status is submitted with the check of the document the desired cache holds now, which
   * may be newer than the one {@code status} was derived from: the check says only what that
   * version of the document is, and the reconcile that the newer version starts submits again.
   */
  public void submit(String name, Optional<ServiceStatus> derived) {
    Optional<ServiceStatus> status = derived.map(s -> s.withChecked(checks.apply(name)));
    Optional<ServiceStatus> own;
    synchronized (lock) {
      own = ownLatestLocked(name);
    }
    if (own != null ? status.equals(own) : unchangedFromStored(name, status)) {
      return;
    }
    boolean start;
    synchronized (lock) {
      pending.put(name, status);
      start = claim();
    }
    start(start);
  }

  /** The latest status known for a service: submitted, else being written, else written, else stored. */
  public Optional<ServiceStatus> latest(String name) {
    synchronized (lock) {
      return latestLocked(name);
    }
  }

  private Optional<ServiceStatus> latestLocked(String name) {
    Optional<ServiceStatus> own = ownLatestLocked(name);
    return own != null ? own : stored.get(name).map(StatusDocument::status);
  }

  /** The latest status this writer has for a service (submitted, being written, written), else null. */
  private Optional<ServiceStatus> ownLatestLocked(String name) {
    Optional<ServiceStatus> p = pending.get(name);
    if (p == null) {
      p = inFlight.get(name);
    }
    if (p != null) {
      return p;
    }
    Written w = written.get(name);
    return w == null ? null : w.status();
  }

  public void pause() {
    synchronized (lock) {
      paused = true;
    }
  }

  public void resume() {
    boolean start;
    synchronized (lock) {
      paused = false;
      start = claim();
    }
    start(start);
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      pending.clear();
      if (retry != null) {
        retry.cancel();
        retry = null;
      }
    }
  }

  /** Under the lock: whether the caller should start the writer (it was idle and has work). */
  private boolean claim() {
    if (running || paused || closed || retry != null || pending.isEmpty()) {
      return false;
    }
    running = true;
    return true;
  }

  private void start(boolean start) {
    if (!start) {
      return;
    }
    try {
      workers.execute(this::drain);
    } catch (RejectedExecutionException e) {
      LOG.warn("status writer: the executor refused the write; retrying with backoff");
      failed();
    }
  }

  /** Writes what is pending, then what came meanwhile, until nothing is left. */
  private void drain() {
    while (true) {
      Map<String, Optional<ServiceStatus>> batch;
      synchronized (lock) {
        if (paused || closed || pending.isEmpty()) {
          running = false;
          inFlight = Map.of();
          return;
        }
        batch = new LinkedHashMap<>(pending);
        pending.clear();
        inFlight = batch;
      }
      try {
        write(batch);
        synchronized (lock) {
          failures = 0;
        }
      } catch (FencedWriteException e) {
        if (e.shuttingDown()) {
          LOG.info("{} status(es) not written: this replica is shutting down", batch.size());
        } else {
          LOG.warn("status not written: {}", e.getMessage());
        }
      } catch (Exception e) {
        LOG.warn("status writer: writing {} status(es) failed; retrying with backoff", batch.size(), e);
        synchronized (lock) {
          batch.forEach(pending::putIfAbsent);
        }
        failed();
        return;
      }
    }
  }

  private void failed() {
    synchronized (lock) {
      running = false;
      inFlight = Map.of();
      failures++;
      if (!closed) {
        Duration delay = backoff.delay(failures);
        retry = timers.schedule(delay, this::retry);
      }
    }
  }

  private void retry() {
    boolean start;
    synchronized (lock) {
      retry = null;
      start = claim();
    }
    start(start);
  }

  /** Writes what differs from the node; each status is encoded once, to compare and to write. */
  private void write(Map<String, Optional<ServiceStatus>> batch) throws Exception {
    Map<String, EncodedStatus> changed = new LinkedHashMap<>();
    for (Map.Entry<String, Optional<ServiceStatus>> e : batch.entrySet()) {
      String name = e.getKey();
      Written have = written.get(name);
      if (have != null && have.status().equals(e.getValue())) {
        continue; // what this writer wrote last: nothing to encode
      }
      EncodedStatus want = EncodedStatus.of(e.getValue(), json);
      if (!Arrays.equals(want.json(), storedJson(name, have))) {
        changed.put(name, want);
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    writes.writeAll(changed, this::exists);
    changed.forEach((name, want) -> {
      written.put(name, new Written(want.status(), want.json()));
      if (want.status().isEmpty()) {
        LOG.info("[{}] status removed", name);
      }
    });
    LOG.debug("{} status(es) written", changed.size());
  }

  /** Whether the status node exists, as far as this writer knows without asking ZooKeeper. */
  private boolean exists(String name) {
    Written w = written.get(name);
    return w != null ? w.status().isPresent() : stored.get(name).isPresent();
  }

  /**
   * Whether {@code status} is what the stored node holds (compared as JSON); if so it is
   * remembered as written, so the next check is a plain equals. Called outside the lock: only
   * the reconcile of {@code name} submits its status, one at a time.
   */
  private boolean unchangedFromStored(String name, Optional<ServiceStatus> status) {
    Optional<ServiceStatus> have = stored.get(name).map(StatusDocument::status);
    byte[] json = null;
    try {
      if (!status.equals(have)) {
        json = encode(status);
        if (!Arrays.equals(encode(have), json)) {
          return false;
        }
      }
    } catch (JsonProcessingException e) {
      return false; // the write reports it
    }
    synchronized (lock) {
      if (!pending.containsKey(name) && !inFlight.containsKey(name)) {
        written.put(name, new Written(status, json));
      }
    }
    return true;
  }

  /**
   * The JSON of what the node holds: of what this writer wrote there ({@code have}), encoded at
   * most once, else of the stored status. Compared as JSON: empty lists and absent ones serialize
   * alike.
   */
  private byte[] storedJson(String name, Written have) throws JsonProcessingException {
    if (have == null) {
      return encode(stored.get(name).map(StatusDocument::status));
    }
    if (have.json() != null) {
      return have.json();
    }
    byte[] json = encode(have.status());
    written.replace(name, have, new Written(have.status(), json));
    return json;
  }

  private byte[] encode(Optional<ServiceStatus> s) throws JsonProcessingException {
    return EncodedStatus.of(s, json).json();
  }
}

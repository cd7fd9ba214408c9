package io.drover.controller.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.Services;
import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.ChildrenCache;
import io.drover.controller.store.FencedWriteException;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StatusWrites;
import io.drover.controller.time.Timers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes services' status to {@code <root>/status/<name>}, only when it changed and at most once
 * per debounce interval per service: a burst of changes (tasks coming up one by one) becomes one
 * write of the latest status. An absent status deletes the node.
 *
 * <p>Writes go through the leader's fenced {@link StatusWrites}. A refused (fenced) write is
 * dropped, since this replica no longer leads; other failures are retried with the queue's backoff,
 * always with the latest status. Thread-safe.
 */
public final class StatusWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusWriter.class);

  private final StatusWrites writes;
  private final ChildrenCache<StatusDocument> stored;
  private final Timers timers;
  private final Duration debounce;
  private final ObjectMapper json = Services.statusMapper();
  private final WorkQueue<String> queue;
  private final Map<String, Optional<ServiceStatus>> pending = new ConcurrentHashMap<>();
  private final Map<String, Optional<ServiceStatus>> written = new ConcurrentHashMap<>();
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  public StatusWriter(
      StatusWrites writes,
      ChildrenCache<StatusDocument> stored,
      Timers timers,
      Executor workers,
      Duration debounce,
      WorkQueueConfig queueConfig) {
    this.writes = writes;
    this.stored = stored;
    this.timers = timers;
    this.debounce = debounce;
    this.queue = WorkQueue.create("status-writer", queueConfig.withResyncPeriod(Duration.ZERO), this::flush, Set::of, timers, workers);
  }

  /** Asks for {@code status} (empty: no status node) to be written soon, if it differs from what is stored. */
  public void submit(String name, Optional<ServiceStatus> status) {
    pending.put(name, status);
    if (scheduled.add(name)) {
      timers.schedule(
          debounce,
          () -> {
            scheduled.remove(name);
            queue.add(name);
          });
    }
  }

  /** The latest status known for a service: submitted, else written, else stored. */
  public Optional<ServiceStatus> latest(String name) {
    Optional<ServiceStatus> p = pending.get(name);
    if (p != null) {
      return p;
    }
    Optional<ServiceStatus> w = written.get(name);
    return w != null ? w : stored.get(name).map(StatusDocument::status);
  }

  public void pause() {
    queue.pause();
  }

  public void resume() {
    queue.resume();
  }

  @Override
  public void close() {
    queue.close();
  }

  private void flush(String name) throws Exception {
    Optional<ServiceStatus> want = pending.remove(name);
    if (want == null) {
      return;
    }
    MDC.put("service", name);
    try {
      if (sameAsStored(name, want)) {
        return;
      }
      if (writes.write(name, want)) {
        if (want.isEmpty()) {
          LOG.info("status removed");
        } else {
          LOG.debug("status written: phase {}, observed generation {}", want.get().phase(), want.get().observedGeneration());
        }
      }
      written.put(name, want);
    } catch (FencedWriteException e) {
      LOG.warn("status not written: {}", e.getMessage());
    } catch (Exception e) {
      pending.putIfAbsent(name, want);
      throw e;
    } finally {
      MDC.remove("service");
    }
  }

  private boolean sameAsStored(String name, Optional<ServiceStatus> want) throws JsonProcessingException {
    Optional<ServiceStatus> have = written.get(name);
    if (have == null) {
      have = stored.get(name).map(StatusDocument::status);
    }
    // Compare as JSON: empty lists and absent ones serialize alike.
    return encode(have).equals(encode(want));
  }

  private String encode(Optional<ServiceStatus> s) throws JsonProcessingException {
    return s.isEmpty() ? "" : json.writeValueAsString(s.get());
  }
}

package io.drover.bench;

import io.drover.api.status.ServiceStatus;
import io.drover.controller.store.StatusDocument;
import io.drover.controller.store.StorePaths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

/**
 * Tells when the controller acted on a desired document's generation: when it called
 * {@code putService} with it (as a {@link PutListener}), and when a status showing it as
 * observedGeneration reached a client watching {@code ROOT/status} (a persistent recursive watch,
 * as {@code drover wait} and dashboards see it). Times are {@link System#nanoTime()} values; a
 * status is timed by the arrival of the notification whose read showed the generation.
 */
final class ReconcileProbe implements PutListener {
  private record Key(String name, long generation) {}

  private final CuratorFramework client;
  private final StorePaths paths;
  private final Map<Key, CompletableFuture<Long>> puts = new ConcurrentHashMap<>();
  private final Map<Key, CompletableFuture<Long>> taken = new ConcurrentHashMap<>();
  private final Map<Key, CompletableFuture<Long>> statuses = new ConcurrentHashMap<>();
  private final Watcher watcher = this::statusChanged;
  private final AtomicLong lastStatusEvent = new AtomicLong(System.nanoTime());

  ReconcileProbe(CuratorFramework client, StorePaths paths) {
    this.client = client;
    this.paths = paths;
  }

  /** Starts watching the statuses; the parent must exist or be created by the controller later. */
  void start() throws Exception {
    client.watchers().add().withMode(AddWatchMode.PERSISTENT_RECURSIVE).usingWatcher(watcher)
        .forPath(paths.statuses());
  }

  /** Completes with the time of the {@code putService} of {@code name} at {@code generation}. */
  CompletableFuture<Long> put(String name, long generation) {
    return puts.computeIfAbsent(new Key(name, generation), k -> new CompletableFuture<>());
  }

  /** Completes with the time the scheduler took the {@code putService} of {@code name} at {@code generation}. */
  CompletableFuture<Long> taken(String name, long generation) {
    return taken.computeIfAbsent(new Key(name, generation), k -> new CompletableFuture<>());
  }

  /** Completes with the time a status of {@code name} showed {@code generation} as observed. */
  CompletableFuture<Long> status(String name, long generation) {
    return statuses.computeIfAbsent(new Key(name, generation), k -> new CompletableFuture<>());
  }

  @Override
  public void put(String name, long generation, long nanoTime) {
    CompletableFuture<Long> f = puts.get(new Key(name, generation));
    if (f != null) {
      f.complete(nanoTime);
    }
  }

  @Override
  public void taken(String name, long generation, long nanoTime) {
    CompletableFuture<Long> f = taken.get(new Key(name, generation));
    if (f != null) {
      f.complete(nanoTime);
    }
  }

  /** When the last notification about any status arrived ({@link System#nanoTime()}). */
  long lastStatusEvent() {
    return lastStatusEvent.get();
  }

  private void statusChanged(WatchedEvent event) {
    long arrived = System.nanoTime();
    lastStatusEvent.set(arrived);
    if (event.getType() != EventType.NodeDataChanged && event.getType() != EventType.NodeCreated) {
      return;
    }
    String path = event.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (statuses.keySet().stream().noneMatch(k -> k.name().equals(name))) {
      return;
    }
    try {
      client.getData().inBackground((c, e) -> {
        if (e.getData() == null) {
          return;
        }
        Stat stat = e.getStat();
        ServiceStatus s = StatusDocument.decode(path, name, e.getData(), stat).status();
        if (s == null) {
          return;
        }
        statuses.forEach((k, f) -> {
          if (k.name().equals(name) && s.observedGeneration() >= k.generation()) {
            f.complete(arrived);
          }
        });
      }).forPath(path);
    } catch (Exception e) {
      statuses.forEach((k, f) -> {
        if (k.name().equals(name)) {
          f.completeExceptionally(e);
        }
      });
    }
  }

  /** Forgets the futures of samples already taken. */
  void clear() {
    puts.clear();
    taken.clear();
    statuses.clear();
  }
}

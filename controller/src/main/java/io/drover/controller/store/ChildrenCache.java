package io.drover.controller.store;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.cache.CuratorCacheStorage;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoded direct children of one ZooKeeper node, kept current by a Curator {@link CuratorCache}
 * (a persistent recursive watch), e.g. every desired document under {@code /drover/services}.
 * Deeper nodes are ignored. Raw bytes are not kept; only the decoded values are.
 *
 * <p>Every replica runs these caches, leader or not, so a new leader starts with warm caches and
 * standbys can serve reads. Events are applied and listeners told on the given serial executor;
 * reads ({@link #get}, {@link #snapshot}) are safe from any thread.
 *
 * @param <T> the decoded value of a child
 */
public final class ChildrenCache<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChildrenCache.class);

  /** Turns a child's name and node into a value; must not throw for bad content. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(String name, ChildData node);
  }

  private final String parent;
  private final Decoder<T> decoder;
  private final CuratorCache cache;
  private final Map<String, T> values = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> initialized = new CompletableFuture<>();
  private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public ChildrenCache(CuratorFramework client, String parent, Decoder<T> decoder, Executor events) {
    this.parent = parent;
    this.decoder = decoder;
    this.cache = CuratorCache.builder(client, parent).withStorage(CuratorCacheStorage.dataNotCached()).build();
    CuratorCacheListener listener =
        new CuratorCacheListener() {
          @Override
          public void event(Type type, ChildData oldData, ChildData data) {
            onEvent(type, type == Type.NODE_DELETED ? oldData : data);
          }

          @Override
          public void initialized() {
            initialized.complete(null);
          }
        };
    cache.listenable().addListener(listener, events);
  }

  /** Tells {@code listener} the name of every child created, changed or deleted. */
  public void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void start() {
    cache.start();
  }

  /** True once every child present at start has been loaded. */
  public boolean initialized() {
    return initialized.isDone();
  }

  /** Completes (on the events executor) once every child present at start has been loaded. */
  public CompletableFuture<Void> whenInitialized() {
    return initialized.thenApply(v -> v);
  }

  public Optional<T> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** The names of all children now. */
  public Set<String> names() {
    return Set.copyOf(values.keySet());
  }

  /** A copy of all values now. */
  public Map<String, T> snapshot() {
    return Map.copyOf(values);
  }

  @Override
  public void close() {
    cache.close();
  }

  private void onEvent(CuratorCacheListener.Type type, ChildData node) {
    if (node == null) {
      return;
    }
    ZKPaths.PathAndNode pn = ZKPaths.getPathAndNode(node.getPath());
    if (!pn.getPath().equals(parent)) {
      return;
    }
    String name = pn.getNode();
    if (type == CuratorCacheListener.Type.NODE_DELETED) {
      values.remove(name);
    } else {
      try {
        values.put(name, decoder.decode(name, node));
      } catch (RuntimeException e) {
        LOG.error("cannot decode {}; keeping the previous value", node.getPath(), e);
        return;
      }
    }
    listeners.forEach(l -> l.accept(name));
  }
}

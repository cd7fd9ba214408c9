package io.drover.controller.store;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoded direct children of one ZooKeeper node, e.g. every desired document under
 * {@code /drover/services}, kept current by ZooKeeper watches: one {@code getChildren} watch on the
 * parent and one data watch per child. Deeper nodes are never read. Raw bytes are not kept; only the
 * decoded values are.
 *
 * <p>Why not Curator's {@code CuratorCache}: it is recursive, so its initial load sends a
 * {@code getChildren} for every child besides its {@code getData}, twice the requests
 * (docs/performance.md, recovery-scale). The load here sends one {@code getChildren}, then every
 * child's {@code getData} at once; with a decoding executor the children are decoded on its threads
 * as the answers come back, while earlier answers are still being applied. A lone change (nothing
 * before it) is decoded on the events executor itself: handing it to a decoding thread would
 * only add a thread to wake on the way from the write to the listeners (docs/performance.md,
 * reconcile-latency).
 *
 * <p>After every reconnection (watches are lost with an expired session) the parent is listed and
 * every child read again; a child whose node did not change ({@code mzxid}) is not reported again.
 *
 * <p>Every replica runs these caches, leader or not, so a new leader starts with warm caches and
 * standbys can serve reads. Responses are applied and listeners told on the given serial executor,
 * in the order ZooKeeper answered; reads ({@link #get}, {@link #snapshot}) are safe from any thread.
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

  private final CuratorFramework client;
  private final String parent;
  private final Decoder<T> decoder;
  private final Executor events;
  /** Where children are decoded ahead of the events executor; null to decode on it. */
  private final Executor decoding;
  private final Map<String, T> values = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> initialized = new CompletableFuture<>();
  private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final Watcher parentWatcher = this::onParentEvent;
  private final Watcher childWatcher = this::onChildEvent;
  private final ConnectionStateListener reconnects = this::onConnectionState;
  /** The node version ({@code mzxid}) of each child's value. Changed on the events executor only. */
  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  /** Answers handed to the events executor and not yet applied there; decides where a child is decoded. */
  private final AtomicInteger pending = new AtomicInteger();
  // Touched only on the events executor.
  private Set<String> awaited;
  private volatile boolean closed;

  /** A cache that decodes each child on the events executor. */
  public ChildrenCache(CuratorFramework client, String parent, Decoder<T> decoder, Executor events) {
    this(client, parent, decoder, events, null);
  }

  /**
   * A cache that decodes children on {@code decoding} as their reads come back, so a load of many
   * children is decoded on several threads; the values are still applied, and listeners told, on
   * {@code events} in the order ZooKeeper answered. {@code decoding} must not be {@code events}: the
   * events executor waits for the decoding threads.
   */
  public ChildrenCache(CuratorFramework client, String parent, Decoder<T> decoder, Executor events, Executor decoding) {
    this.client = client;
    this.parent = parent;
    this.decoder = decoder;
    this.events = events;
    this.decoding = decoding;
  }

  /** Tells {@code listener} the name of every child created, changed or deleted. */
  public void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void start() {
    client.getConnectionStateListenable().addListener(reconnects);
    list(true);
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

  /**
   * Stops following the children: no request is sent after this, and the answers and watch events
   * still on their way are dropped. Close the cache before its client: the watches it leaves are
   * one-shot and go with the connection (removing them would cost a request per child).
   */
  @Override
  public void close() {
    closed = true;
    client.getConnectionStateListenable().removeListener(reconnects);
  }

  private void onConnectionState(CuratorFramework c, ConnectionState state) {
    if (state == ConnectionState.RECONNECTED) {
      list(true);
    }
  }

  private void onParentEvent(WatchedEvent event) {
    if (event.getType() != Watcher.Event.EventType.None) {
      list(false);
    }
  }

  private void onChildEvent(WatchedEvent event) {
    if (event.getType() == Watcher.Event.EventType.NodeDataChanged || event.getType() == Watcher.Event.EventType.NodeDeleted) {
      read(ZKPaths.getNodeFromPath(event.getPath()));
    }
  }

  /**
   * Lists the parent (watching it) and reads the children not known yet, or every child when
   * {@code readAll} (at start and after a reconnection, when data watches may have been lost).
   */
  private void list(boolean readAll) {
    if (closed) {
      return;
    }
    run(() -> client.getChildren().usingWatcher(parentWatcher).inBackground(onEvents(e -> () -> onListed(e, readAll)))
        .forPath(parent));
  }

  private void read(String name) {
    if (closed) {
      return;
    }
    run(() -> client.getData().usingWatcher(childWatcher).inBackground(onEvents(e -> {
      Supplier<T> ahead = decodeAhead(name, e);
      return () -> onRead(name, e, ahead);
    })).forPath(ZKPaths.makePath(parent, name)));
  }

  private void onListed(CuratorEvent e, boolean readAll) {
    if (closed) {
      return;
    }
    KeeperException.Code code = KeeperException.Code.get(e.getResultCode());
    if (code == KeeperException.Code.NONODE) {
      run(() -> client.checkExists().usingWatcher(parentWatcher).inBackground(onEvents(ev -> () -> onParentChecked(ev, readAll)))
          .forPath(parent));
      return;
    }
    if (code != KeeperException.Code.OK) {
      LOG.warn("cannot list {} ({}); listing again on reconnection", parent, code);
      return;
    }
    applyListing(e.getChildren(), readAll);
  }

  private void onParentChecked(CuratorEvent e, boolean readAll) {
    if (closed) {
      return;
    }
    if (KeeperException.Code.get(e.getResultCode()) == KeeperException.Code.NONODE) {
      applyListing(List.of(), readAll);
    } else {
      list(readAll);
    }
  }

  private void applyListing(List<String> children, boolean readAll) {
    Set<String> now = new HashSet<>(children);
    for (String gone : Set.copyOf(versions.keySet())) {
      if (!now.contains(gone)) {
        remove(gone);
      }
    }
    if (awaited == null) {
      awaited = new HashSet<>(now);
      completeIfLoaded();
    }
    now.stream().filter(name -> readAll || !versions.containsKey(name)).forEach(this::read);
  }

  /**
   * Starts decoding a child just read on the decoding threads when answers before it are still
   * being applied on the events executor (a load, a burst of changes), unless its version is
   * applied already (every child is read again after a reconnection); null when it is decoded on
   * apply: with nothing before it, the events executor takes it up at once, and a decoding thread
   * would only be one more hand-off.
   */
  private Supplier<T> decodeAhead(String name, CuratorEvent e) {
    if (decoding == null || pending.get() == 0 || KeeperException.Code.get(e.getResultCode()) != KeeperException.Code.OK
        || versions.getOrDefault(name, -1L) >= e.getStat().getMzxid()) {
      return null;
    }
    try {
      CompletableFuture<T> value = CompletableFuture.supplyAsync(() -> decoder.decode(name, node(e)), decoding);
      return value::join;
    } catch (RejectedExecutionException stopped) {
      return null;
    }
  }

  private static ChildData node(CuratorEvent e) {
    return new ChildData(e.getPath(), e.getStat(), e.getData());
  }

  /** @param ahead the value being decoded on the decoding threads, or null */
  private void onRead(String name, CuratorEvent e, Supplier<T> ahead) {
    if (closed) {
      return;
    }
    KeeperException.Code code = KeeperException.Code.get(e.getResultCode());
    if (code == KeeperException.Code.OK) {
      apply(name, node(e), ahead);
    } else if (code == KeeperException.Code.NONODE) {
      remove(name);
    } else {
      LOG.warn("cannot read {} ({}); reading again on reconnection", e.getPath(), code);
      return;
    }
    if (awaited != null && awaited.remove(name)) {
      completeIfLoaded();
    }
  }

  private void apply(String name, ChildData node, Supplier<T> ahead) {
    Long seen = versions.get(name);
    if (seen != null && seen >= node.getStat().getMzxid()) {
      return;
    }
    versions.put(name, node.getStat().getMzxid());
    try {
      values.put(name, ahead != null ? ahead.get() : decoder.decode(name, node));
    } catch (RuntimeException ex) {
      Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
      LOG.error("cannot decode {}; keeping the previous value", node.getPath(), cause);
      return;
    }
    listeners.forEach(l -> l.accept(name));
  }

  private void remove(String name) {
    if (versions.remove(name) != null) {
      values.remove(name);
      listeners.forEach(l -> l.accept(name));
    }
  }

  private void completeIfLoaded() {
    if (awaited.isEmpty()) {
      initialized.complete(null);
    }
  }

  /**
   * A request's callback: hands the answer to the events executor while the cache is open, counted
   * in {@link #pending} until it is applied there. It never throws, since Curator logs what a
   * callback throws as an unexpected error (with its stack trace). Runs on the client's event
   * thread, one answer at a time.
   *
   * @param handler turns the answer into what runs on the events executor
   */
  private BackgroundCallback onEvents(Function<CuratorEvent, Runnable> handler) {
    return (c, e) -> {
      if (closed) {
        return;
      }
      Runnable apply = handler.apply(e);
      pending.incrementAndGet();
      try {
        events.execute(() -> {
          try {
            apply.run();
          } finally {
            pending.decrementAndGet();
          }
        });
      } catch (RejectedExecutionException stopped) {
        pending.decrementAndGet();
        if (!closed) {
          LOG.warn("the events executor of the cache of {} stopped before the cache was closed; dropping an answer", parent);
        }
      }
    };
  }

  /** Runs a background request; Curator reports its failures to the callback, so only a closed client throws here. */
  private void run(BackgroundRequest request) {
    try {
      request.send();
    } catch (Exception e) {
      if (!closed) {
        LOG.warn("cannot watch {}: {}", parent, e.toString());
      }
    }
  }

  @FunctionalInterface
  private interface BackgroundRequest {
    void send() throws Exception;
  }
}

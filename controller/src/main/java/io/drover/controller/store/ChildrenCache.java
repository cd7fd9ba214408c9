package io.drover.controller.store;

import java.util.ArrayList;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoded direct children of one ZooKeeper node, e.g. every desired document under
 * {@code /drover/services}, kept current by one persistent recursive watch on the parent
 * (ZooKeeper 3.6+). Deeper nodes are never read; only decoded values are kept.
 *
 * <p>A load registers the watch, lists the parent, and reads the children many to a request
 * (read-only multis, {@link MultiReads}; {@link ChildRequests} sends every request) instead of
 * one watched {@code getData} each, which was most of a new leader's restart (docs/performance.md,
 * recovery-scale, seventh round). ZooKeeper answers a session's requests and delivers its events
 * in order, and the watch precedes the listing, so every change after a child's read arrives as an
 * event; the event's child is read again (unless this replica wrote it: {@link OwnWrites}) and
 * applied only if newer ({@code mzxid}). A request that fails whole is read again one child a
 * request. Every reconnection loads again (an expired session loses the watch, a disconnection its
 * events); a child no longer listed is removed, an unchanged one not reported.
 *
 * <p>With a decoding executor, children are decoded on its threads as answers come back, and a
 * lone change (once loaded) is decoded and applied on the client's event thread, where waking
 * another thread would only add latency. Every replica runs these caches, so a new leader starts
 * warm. Answers are applied and listeners told in ZooKeeper's order, on the given serial executor
 * but for such a lone change; {@link #get} and {@link #snapshot} are safe from any thread.
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
  private final ChildRequests requests;
  private final Decoder<T> decoder;
  /** Where children are decoded ahead of the events executor; null to decode on it. */
  private final Executor decoding;
  /** Every child read, changed on the events executor only. */
  private final Map<String, Child<T>> children = new ConcurrentHashMap<>();
  private final FirstLoad firstLoad = new FirstLoad();
  private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private final Watcher watcher = this::onWatchedEvent;
  private final ConnectionStateListener reconnects = this::onConnectionState;
  /** Answers on their way to the events executor; whether any are decides where a child is decoded. */
  private final AnswerHandOff handOff;
  /** This replica's own writes of children, not read back when their events come. */
  private final OwnWrites own;
  /** Reads of one child sent and not yet answered; with no answer handed off either, an answer is a lone change. */
  private final AtomicInteger reading = new AtomicInteger();
  /** Set by whichever starts the first load: {@link #start} on a connected client, or its first CONNECTED. */
  private final AtomicBoolean loadStarted = new AtomicBoolean();
  private volatile boolean closed;

  /** A child's value (null if none ever decoded) and the version ({@code mzxid}) of the node last read. */
  private record Child<T>(T value, long mzxid) {}

  /** A cache that decodes each child on the events executor. */
  public ChildrenCache(CuratorFramework client, String parent, Decoder<T> decoder, Executor events) {
    this(client, parent, decoder, events, null);
  }

  /**
   * A cache that decodes children on {@code decoding} as their reads come back, so a load of many
   * children is decoded on several threads; the values are still applied, and listeners told, on
   * {@code events} in the order ZooKeeper answered. {@code decoding} must not be {@code events}: the
   * events executor waits for the decoding threads. A lone change (no other answer waiting or on its
   * way) is applied, and told to the listeners, on the client's event thread: they must not block.
   */
  public ChildrenCache(CuratorFramework client, String parent, Decoder<T> decoder, Executor events, Executor decoding) {
    this.client = client;
    this.parent = parent;
    this.decoder = decoder;
    this.decoding = decoding;
    this.requests = new ChildRequests(client, parent, () -> closed);
    this.handOff = new AnswerHandOff(events, parent, () -> closed);
    this.own = new OwnWrites(handOff, this::read, (name, node) -> settle(name, node, null));
  }

  /** Where this replica's writer of the children tells what it wrote ({@link StatusWrites}). */
  OwnWrites ownWrites() {
    if (decoding != null) { // its lone changes are applied off the events executor, where the writer's nodes are
      throw new IllegalStateException("a cache with decoding threads cannot take its writer's nodes");
    }
    return own;
  }

  /** Tells {@code listener} the name of every child created, changed or deleted. */
  public void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void start() {
    client.getConnectionStateListenable().addListener(reconnects);
    // Before the first connection a failed attempt fails the handle's queued requests, the watch with
    // them, and Curator then reports CONNECTED, not RECONNECTED: that event loads, unless this did.
    if (client.getZookeeperClient().isConnected() && loadStarted.compareAndSet(false, true)) {
      load();
    }
  }

  /** True once every child present at start has been loaded. */
  public boolean initialized() {
    return firstLoad.done();
  }

  /** Completes (on the events executor) once every child present at start has been loaded. */
  public CompletableFuture<Void> whenInitialized() {
    return firstLoad.whenDone();
  }

  /**
   * Completes once the named child has been read (applied, found absent, or failed to decode) or
   * every child present at start has been loaded, whichever comes first: a reader of some children
   * need not wait for the whole first load. Completes on whichever thread sees it first.
   */
  public CompletableFuture<Void> whenLoaded(String name) {
    return firstLoad.whenRead(name, () -> children.containsKey(name));
  }

  public Optional<T> get(String name) {
    return Optional.ofNullable(children.get(name)).map(Child::value);
  }

  /** The names of all children now. */
  public Set<String> names() {
    return snapshot().keySet();
  }

  /** A copy of all values now. */
  public Map<String, T> snapshot() {
    return children.entrySet().stream().filter(e -> e.getValue().value() != null)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().value()));
  }

  /**
   * Stops following the children: no request is sent after this, and the answers and watch events
   * still on their way are dropped. Close the cache before its client.
   */
  @Override
  public void close() {
    closed = true;
    client.getConnectionStateListenable().removeListener(reconnects);
    requests.unwatch(watcher);
  }

  private void onConnectionState(CuratorFramework c, ConnectionState state) {
    if (state == ConnectionState.RECONNECTED || (state == ConnectionState.CONNECTED && loadStarted.compareAndSet(false, true))) {
      load();
    }
  }

  /**
   * Watches the parent's subtree, then lists the parent: both go on the one session in this order,
   * so the listing and the reads after it miss no change.
   */
  private void load() {
    if (closed) {
      return;
    }
    own.reloading();
    requests.watch(watcher, rc -> handOff.hand(() -> () -> onWatching(rc)));
    requests.list(e -> handOff.hand(() -> () -> onListed(e)));
  }

  private void onWatching(int rc) {
    KeeperException.Code code = KeeperException.Code.get(rc);
    if (code != KeeperException.Code.OK && !closed) {
      LOG.warn("cannot watch {} ({}); watching again on reconnection", parent, code);
    }
  }

  /** A direct child created, changed or deleted: read it again, unless this replica wrote it. Others' events are not ours. */
  private void onWatchedEvent(WatchedEvent event) {
    Watcher.Event.EventType type = event.getType();
    if (event.getPath() == null || (type != Watcher.Event.EventType.NodeCreated
        && type != Watcher.Event.EventType.NodeDataChanged && type != Watcher.Event.EventType.NodeDeleted)) {
      return;
    }
    ZKPaths.PathAndNode node = ZKPaths.getPathAndNode(event.getPath());
    if (node.getPath().equals(requests.watchedParent()) && !node.getNode().isEmpty()) {
      own.onWatched(node.getNode(), event.getZxid());
    }
  }

  private void read(String name) {
    if (closed) {
      return;
    }
    reading.incrementAndGet();
    boolean sent = requests.read(name, e -> {
      boolean alone = reading.decrementAndGet() == 0 && handOff.idle();
      if (alone && decoding != null && firstLoad.done()) {
        // Nothing waits for the events executor or runs there, and only this thread (or that one, while
        // it runs) hands it answers: applied here, the change keeps its place in ZooKeeper's order.
        onRead(name, e, null);
        return;
      }
      handOff.hand(() -> {
        Supplier<T> ahead = alone || KeeperException.Code.get(e.getResultCode()) != KeeperException.Code.OK
            ? null : decodeAhead(name, ChildRequests.node(e));
        return () -> onRead(name, e, ahead);
      });
    });
    if (!sent) {
      reading.decrementAndGet();
    }
  }

  private void onListed(CuratorEvent e) {
    if (closed) {
      return;
    }
    KeeperException.Code code = KeeperException.Code.get(e.getResultCode());
    if (code != KeeperException.Code.OK && code != KeeperException.Code.NONODE) {
      LOG.warn("cannot list {} ({}); listing again on reconnection", parent, code);
      return;
    }
    // An absent parent has no children; the watch reports its children once it is created.
    List<String> listed = code == KeeperException.Code.OK ? e.getChildren() : List.of();
    Set<String> now = new HashSet<>(listed);
    for (String gone : Set.copyOf(children.keySet())) {
      if (!now.contains(gone)) {
        remove(gone);
      }
    }
    firstLoad.listed(now);
    readBatched(listed);
  }

  /** Reads {@code names} many to a request, each group's children decoded ahead as its answer comes. */
  private void readBatched(List<String> names) {
    requests.readMany(names, (group, results) -> handOff.hand(() -> {
      List<Supplier<T>> ahead = new ArrayList<>(group.size());
      for (int i = 0; results != null && i < group.size(); i++) {
        ahead.add(results.get(i) instanceof OpResult.GetDataResult d
            ? decodeAhead(group.get(i), requests.node(group.get(i), d)) : null);
      }
      return () -> onBatch(group, results, ahead);
    }), this::read);
  }

  /** @param results null when the request failed as a whole: its children are read again one by one */
  private void onBatch(List<String> names, List<OpResult> results, List<Supplier<T>> ahead) {
    if (closed) {
      return;
    }
    if (results == null) {
      LOG.debug("a batched read of {} failed; reading its {} children one by one", parent, names.size());
      names.forEach(this::read);
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      OpResult result = results.get(i);
      if (result instanceof OpResult.GetDataResult d) {
        settle(name, requests.node(name, d), ahead.get(i));
      } else if (MultiReads.absent(result)) {
        settle(name, null, null);
      } else {
        read(name);
      }
    }
  }

  /**
   * Starts decoding a child just read on the decoding threads, unless its version is applied
   * already (every child is read again after a reconnection); null when it is decoded on apply.
   */
  private Supplier<T> decodeAhead(String name, ChildData node) {
    Child<T> held = children.get(name);
    if (decoding == null || (held != null && held.mzxid() >= node.getStat().getMzxid())) {
      return null;
    }
    try {
      CompletableFuture<T> value = CompletableFuture.supplyAsync(() -> decoder.decode(name, node), decoding);
      return value::join;
    } catch (RejectedExecutionException stopped) {
      return null;
    }
  }

  /** @param ahead the value being decoded on the decoding threads, or null */
  private void onRead(String name, CuratorEvent e, Supplier<T> ahead) {
    if (closed) {
      return;
    }
    KeeperException.Code code = KeeperException.Code.get(e.getResultCode());
    if (code == KeeperException.Code.OK || code == KeeperException.Code.NONODE) {
      settle(name, code == KeeperException.Code.OK ? ChildRequests.node(e) : null, ahead);
    } else {
      LOG.warn("cannot read {} ({}); reading again on reconnection", e.getPath(), code);
    }
  }

  /** A child read: applies its node, or removes it when {@code node} is null (absent); either way it is loaded. */
  private void settle(String name, ChildData node, Supplier<T> ahead) {
    if (node != null) {
      apply(name, node, ahead);
    } else {
      remove(name);
    }
    firstLoad.read(name);
  }

  private void apply(String name, ChildData node, Supplier<T> ahead) {
    Child<T> held = children.get(name);
    long mzxid = node.getStat().getMzxid();
    if (held != null && held.mzxid() >= mzxid) {
      return;
    }
    try {
      children.put(name, new Child<>(ahead != null ? ahead.get() : decoder.decode(name, node), mzxid));
    } catch (RuntimeException ex) {
      // The version is recorded all the same: the same node read again (a reconnection) is not decoded again.
      children.put(name, new Child<>(held == null ? null : held.value(), mzxid));
      Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
      LOG.error("cannot decode {}; keeping the previous value", node.getPath(), cause);
      return;
    }
    listeners.forEach(l -> l.accept(name));
  }

  private void remove(String name) {
    if (children.remove(name) != null) {
      listeners.forEach(l -> l.accept(name));
    }
  }
}
